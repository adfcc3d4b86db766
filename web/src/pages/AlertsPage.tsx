import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client';
import type { Alert } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { navigate, useLocation } from '../app/router';
import { Content } from '../components/Content';
import { Link } from '../components/Link';
import { ErrorNote, Loading, Notice } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';
import { AlertAck } from './alerts/AlertAck';

/** Kinds this node raises (partners may send others: those seen are offered too). */
const KINDS = ['surge', 'referral_overdue', 'incident_conclusion_proposed', 'monitor_find', 'monitor_find_removed', 'manual'];
const SEVERITIES = ['critical', 'warning', 'info'] as const;
const ACK_STATES = ['false', 'true'] as const;
const LIMIT = 200;

/**
 * Alerts raised here or received from partners (GET /v1/alerts), newest first, filtered by
 * kind, severity and acknowledgement on the node; the filters live in the URL. Each alert
 * links to what it is about (its signals, its incident's signals) and shows whether the
 * signed-in key's organisation has acknowledged it, with the button to do so.
 */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const applied = { kind: params.get('kind') ?? '', severity: params.get('severity') ?? '', acknowledged: params.get('acknowledged') ?? '' };
  const list = useLoad(() => api<{ alerts: Alert[] }>(`/v1/alerts${query({ ...applied, limit: LIMIT })}`), [params.toString()]);
  const [draft, setDraft] = useState(applied);
  const kinds = [...new Set([...KINDS, ...(list.data?.alerts.map((a) => a.kind) ?? []), ...(applied.kind ? [applied.kind] : [])])];
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/alerts${query(draft)}`);
  };
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <form className="card filters" onSubmit={apply} aria-label={t('signals.filters')}>
        <div className="grid">
          <div>
            <label htmlFor="alert-kind">{t('alerts.kind')}</label>
            <select id="alert-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
              <option value="">{t('signals.any')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.kinds.${k}`, { defaultValue: k })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="alert-severity">{t('alerts.severity')}</label>
            <select id="alert-severity" value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value })}>
              <option value="">{t('signals.any')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`alerts.severities.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="alert-acknowledged">{t('alerts.ack.filter')}</label>
            <select id="alert-acknowledged" value={draft.acknowledged} onChange={(e) => setDraft({ ...draft, acknowledged: e.target.value })}>
              <option value="">{t('signals.any')}</option>
              {ACK_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`alerts.ack.states.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">{t('signals.apply')}</button>
      </form>
      {list.loading && <Loading />}
      <ErrorNote error={list.error} />
      {list.data && (list.data.alerts.length === 0 ? <p>{t('alerts.empty')}</p> : <AlertTable alerts={list.data.alerts} />)}
    </>
  );
}

function AlertTable({ alerts }: { alerts: Alert[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const mayAck = hasAnyRole(me, ['admin', 'curator', 'reviewer']);
  // Acknowledged here since the list was loaded: shown at once, without asking the node again.
  const [acked, setAcked] = useState<Record<string, Alert>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<unknown>(null);
  const done = (alert: Alert, error?: unknown) => {
    setAcked((known) => ({ ...known, [alert.uid]: alert }));
    setNotice(error ? null : t('alerts.ack.done'));
    setConflict(error ?? null);
  };
  return (
    <>
      <Notice text={notice} />
      <ErrorNote error={conflict} />
      <table className="alerts">
        <caption>{t('alerts.table', { count: alerts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alerts.severity')}</th>
            <th scope="col">{t('alerts.kind')}</th>
            <th scope="col">{t('alerts.alert')}</th>
            <th scope="col">{t('alerts.about')}</th>
            <th scope="col">{t('alerts.origin')}</th>
            <th scope="col">{t('alerts.last')}</th>
            <th scope="col">{t('alerts.ack.column')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a, i) => (
            <AlertRow key={a.uid} alert={acked[a.uid] ?? a} titleId={`alert-title-${i}`} mayAck={mayAck} onAck={done} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function AlertRow({ alert: a, titleId, mayAck, onAck }: { alert: Alert; titleId: string; mayAck: boolean; onAck: Parameters<typeof AlertAck>[0]['onDone'] }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-alert={a.uid}>
      <td>
        <span className={`severity ${a.severity}`}>{t(`alerts.severities.${a.severity}`, { defaultValue: a.severity })}</span>
      </td>
      <td>{t(`alerts.kinds.${a.kind}`, { defaultValue: a.kind })}</td>
      <td className="reason" id={titleId}>
        <Content text={a.title} />
        {a.repeatCount > 1 && <span className="details">{t('alerts.repeats', { count: a.repeatCount, first: new Date(a.firstAt).toLocaleString(i18n.language) })}</span>}
      </td>
      <td>
        <AlertLinks alert={a} />
      </td>
      <td>{a.origin}</td>
      <td>
        <Time iso={a.lastAt} />
      </td>
      <td>
        <AlertAck alert={a} titleId={titleId} mayAck={mayAck} onDone={onAck} />
      </td>
    </tr>
  );
}

/** What an alert is about, as links where the console has a page for it: signals by network id, an incident's signals. */
function AlertLinks({ alert: a }: { alert: Alert }) {
  const { t } = useTranslation();
  const signals = [...new Set([...a.signalUids, ...(a.subject.type === 'signal' ? [a.subject.id] : [])])];
  const incident = a.incidentId ?? (a.subject.type === 'incident' ? a.subject.id : null);
  const other = a.subject.type !== 'signal' && a.subject.type !== 'incident';
  return (
    <ul className="inline">
      {other && (
        <li>
          {t(`alerts.subjects.${a.subject.type}`, { defaultValue: a.subject.type })} <Content text={a.subject.id} />
        </li>
      )}
      {incident && (
        <li>
          <Link to={`/signals${query({ incident })}`}>{t('alerts.incidentSignals')}</Link>
        </li>
      )}
      {signals.map((uid) => (
        <li key={uid}>
          <Link to={`/signals${query({ uid })}`}>
            <Content text={uid} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
