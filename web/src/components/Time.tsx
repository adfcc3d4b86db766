import { useTranslation } from 'react-i18next';

/** A timestamp in the reader's language, with the exact ISO time for machines. */
export function Time({ iso }: { iso: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{new Date(iso).toLocaleString(i18n.language)}</time>;
}
