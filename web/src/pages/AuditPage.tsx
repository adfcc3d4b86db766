import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEntry } from '../api/types';
import { ErrorNote, Loading } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { AuditTrail } from './signal/AuditTrail';

interface Verification {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; problem: string };
}

/** The hash-chained audit log, page by page, and its verification on demand. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [after, setAfter] = useState(0);
  const page = useLoad(() => api<{ entries: AuditEntry[]; next: number | null }>(`/v1/audit?after=${after}&limit=50`), [after]);
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const verify = async () => {
    setVerifying(true);
    setError(null);
    try {
      setResult(await api<Verification>('/v1/audit/verify'));
    } catch (err) {
      setError(err);
    } finally {
      setVerifying(false);
    }
  };
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <div className="card">
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
        <ErrorNote error={error} />
        {result && (
          <p role="status" className={result.ok ? 'notice' : 'error'}>
            {result.ok ? t('audit.ok', { checked: result.checked }) : t('audit.broken', { seq: result.firstBroken?.seq, problem: result.firstBroken?.problem })}
          </p>
        )}
      </div>
      {page.loading && <Loading />}
      <ErrorNote error={page.error} />
      {page.data && <AuditTrail entries={page.data.entries} caption={t('audit.title')} />}
      <nav className="pager" aria-label={t('audit.title')}>
        {after > 0 && (
          <button type="button" onClick={() => setAfter(0)}>
            {t('audit.newer')}
          </button>
        )}
        {page.data?.next != null && (
          <button type="button" onClick={() => setAfter(page.data!.next!)}>
            {t('audit.more')}
          </button>
        )}
      </nav>
    </>
  );
}
