import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A loading line or an error with its stable code, announced to screen readers. */
export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error);
  return (
    <p role="alert" className="error">
      {t('app.error', { message })}
    </p>
  );
}

export function Notice({ text }: { text: string | null }) {
  return text ? (
    <p role="status" className="notice">
      {text}
    </p>
  ) : null;
}
