import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiText, query } from '../../api/client';
import { ErrorNote } from '../../components/Status';

/**
 * The printable report (format=html) as a file to save or print. The node answers it only
 * with the key, which a plain link would not send; so the console fetches it and offers it
 * as a download. Opened from the disk, the page runs under no policy of ours, and it holds
 * no script anyway (the node's REPORT_CSP).
 */
export function PrintableReport({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  const prepare = async () => {
    setBusy(true);
    setError(null);
    try {
      const html = await apiText(`/v1/reports/transparency${query({ from, to, format: 'html' })}`);
      setUrl(URL.createObjectURL(new Blob([html], { type: 'text/html' })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="printable">
      {url ? (
        <a href={url} download={`transparency-report-${from}-${to}.html`}>
          {t('report.download')}
        </a>
      ) : (
        <button type="button" disabled={busy} onClick={() => void prepare()}>
          {t('report.printable')}
        </button>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
