import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Alert } from '../../api/types';
import { Content } from '../../components/Content';
import { ErrorNote } from '../../components/Status';
import { Time } from '../../components/Time';

/**
 * An alert's acknowledgement by the signed-in key's organisation: who took it in hand and
 * when, or (for roles that may) an Acknowledge button that opens a short form with an
 * optional note (POST /v1/alerts/{uid}/ack). `titleId` names the row's title, so the button
 * says which alert it acknowledges to a screen reader. `onDone` gets the acknowledged alert;
 * when a colleague acknowledged it in the meantime (ALERT_ALREADY_ACKNOWLEDGED) it gets the
 * alert as the node has it now, with that error to show, so the row says who did.
 */
export function AlertAck({ alert, titleId, mayAck, onDone }: { alert: Alert; titleId: string; mayAck: boolean; onDone: (alert: Alert, conflict?: unknown) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ack = alert.acknowledgement;
  if (ack) {
    return (
      <div className="ack done">
        <span>{t('alerts.ack.acknowledged')}</span> <Time iso={ack.at} />
        <span className="details">{t('alerts.ack.byKey', { key: ack.keyId })}</span>
        {ack.note && (
          <span className="details">
            <Content text={ack.note} />
          </span>
        )}
        {new Date(alert.lastAt) > new Date(ack.at) && <span className="details">{t('alerts.ack.repeatedSince')}</span>}
      </div>
    );
  }
  if (!mayAck) return <span>{t('alerts.ack.notAcknowledged')}</span>;
  const noteId = `ack-note-${titleId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      onDone(await api<Alert>(`/v1/alerts/${encodeURIComponent(alert.uid)}/ack`, { body: { note } }));
    } catch (err) {
      setBusy(false);
      if (!(err instanceof ApiError && err.code === 'ALERT_ALREADY_ACKNOWLEDGED')) return setError(err);
      try {
        onDone(await api<Alert>(`/v1/alerts/${encodeURIComponent(alert.uid)}`), err);
      } catch (again) {
        setError(again);
      }
    }
  };
  if (!open) {
    return (
      <>
        <span>{t('alerts.ack.notAcknowledged')}</span>{' '}
        <button type="button" aria-describedby={titleId} onClick={() => setOpen(true)}>
          {t('alerts.ack.button')}
        </button>
      </>
    );
  }
  return (
    <form className="ack" onSubmit={submit} aria-describedby={titleId}>
      <label htmlFor={noteId}>{t('alerts.ack.note')}</label>
      {/* The form opens on the button's click: the note field takes the focus from it. */}
      <input id={noteId} dir="auto" maxLength={1000} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={busy}>
        {t('alerts.ack.confirm')}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t('alerts.ack.cancel')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
