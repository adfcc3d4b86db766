import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';

/** Sign in with an API key: checked against GET /v1/me before it is kept. */
export function SignInPage({ onSignedIn }: { onSignedIn: (key: string, me: Me) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(key.trim(), await api<Me>('/v1/me', { key: key.trim() }));
    } catch (err) {
      setError(t('signIn.invalid', { message: err instanceof ApiError ? err.code : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card signin" onSubmit={submit}>
      <h1>{t('signIn.title')}</h1>
      <label htmlFor="api-key">{t('signIn.key')}</label>
      <input id="api-key" name="api-key" type="password" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} aria-describedby="signin-help" />
      <p id="signin-help" className="hint">
        {t('signIn.help')}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
