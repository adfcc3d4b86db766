import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Referral } from '../../api/types';
import { hasAnyRole, useMe } from '../../app/me-context';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { Countdown } from './Countdown';
import { ExactTime } from './ExactTime';
import { ReferralActions } from './ReferralActions';
import { ReferralComplaints } from './ReferralComplaints';
import { ReferralHistory } from './ReferralHistory';
import { formatSpan } from './clock-state';
import { useServerNow } from './server-clock';
import './coordination.css';

const REFRESH_MS = 10_000;

/**
 * One referral as both parties see it: its legal clock, the Annex I fields, the receipt
 * with exact times, obstacle, decision, scrutiny windows and outcome, the signed history,
 * and the actions this node's side and the key's roles allow.
 */
export default function ReferralPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const now = useServerNow();
  const detail = useLoad(() => api<Referral>(`/v1/referrals/${encodeURIComponent(id ?? '')}`), [id]);
  // The other party acts on its own node; its receipt, obstacle or decision arrives on the feed.
  const { reload } = detail;
  const closed = detail.data?.status === 'decided' || detail.data?.status === 'voided';
  useEffect(() => {
    if (closed) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload, closed]);
  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorNote error={detail.error} />;
  const r = detail.data;
  const scrutinyLeft = r.scrutiny.dueAt && now !== null ? Date.parse(r.scrutiny.dueAt) - now : null;
  return (
    <>
      <h1>{t('referrals.one', { kind: t(`referrals.kinds.${r.kind}`), id: r.id })}</h1>
      <section className="card clock" aria-labelledby="clock-h">
        <h2 id="clock-h">{t(`referrals.stopsOnTitle.${r.clock.stopsOn}`)}</h2>
        <p className="big">
          <Countdown referral={r} now={now} />
        </p>
        <dl>
          <dt>{t('referrals.window')}</dt>
          <dd>{formatSpan(r.clock.windowMs)}</dd>
          <dt>{t('referrals.startedAt')}</dt>
          <dd>
            <ExactTime iso={r.clock.startedAt} />
          </dd>
          <dt>{t('referrals.pausedFor')}</dt>
          <dd>{formatSpan(r.clock.pausedMs)}</dd>
          <dt>{t('referrals.dueAt')}</dt>
          <dd>
            <ExactTime iso={r.clock.dueAt} />
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="parties-h">
        <h2 id="parties-h">{t('referrals.parties')}</h2>
        <dl>
          <dt>{t('referrals.sender')}</dt>
          <dd>{r.sender}</dd>
          <dt>{t('referrals.receiver')}</dt>
          <dd>{r.receiver}</dd>
          <dt>{t('referrals.scrutinyAuthority')}</dt>
          <dd>{r.scrutinyAuthority ?? '—'}</dd>
          <dt>{t('referrals.thisNode')}</dt>
          <dd>{t(`referrals.roles.${r.role}`)}</dd>
          <dt>{t('referrals.status')}</dt>
          <dd>{t(`referrals.statuses.${r.status}`, { defaultValue: r.status })}</dd>
          <dt>{t('referrals.incident')}</dt>
          <dd>{r.incidentId ? <Link to={`/incidents/${r.incidentId}`}>{r.incidentId}</Link> : '—'}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="content-h">
        <h2 id="content-h">{t('referrals.content')}</h2>
        <dl>
          <dt>{t('referrals.send.urls')}</dt>
          <dd>
            <ul className="plain">
              {r.content.urls.map((u) => (
                <li key={u} className="value">
                  <Content text={u} />
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('referrals.send.signalUids')}</dt>
          <dd>{r.content.signalUids.length ? r.content.signalUids.join(', ') : '—'}</dd>
          <dt>{t('referrals.label')}</dt>
          <dd>{t(`label.${r.label}`, { defaultValue: r.label })}</dd>
          <dt>{t('referrals.grounds')}</dt>
          <dd>
            <ul className="plain">
              {r.grounds.map((g) => (
                <li key={g}>{t(`referrals.groundNames.${g}`, { defaultValue: g })}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('referrals.legalBasis')}</dt>
          <dd className="reason">
            <Content text={r.legalBasis} />
          </dd>
          <dt>{t('referrals.statementOfReasons')}</dt>
          <dd className="reason">
            <Content text={r.statementOfReasons} />
          </dd>
          <dt>{t('referrals.redress')}</dt>
          <dd className="reason">
            <Content text={r.redress} />
          </dd>
          <dt>{t('referrals.noticeWithheld')}</dt>
          <dd>{r.noticeWithheld.withheld ? t('referrals.withheldUntil', { until: r.noticeWithheld.until ?? '—' }) : t('referrals.no')}</dd>
        </dl>
      </section>
      {r.order && (
        <section className="card" aria-labelledby="order-h">
          <h2 id="order-h">{t('referrals.order.title')}</h2>
          <dl>
            {(['issuingAuthority', 'reference', 'memberState', 'contactPoint'] as const).map((f) => (
              <div key={f} className="pair">
                <dt>{t(`referrals.order.${f}`)}</dt>
                <dd>
                  <Content text={r.order![f]} />
                </dd>
              </div>
            ))}
            <dt>{t('referrals.order.issuedAt')}</dt>
            <dd>
              <ExactTime iso={r.order.issuedAt} />
            </dd>
            <dt>{t('referrals.order.viaHostAuthority')}</dt>
            <dd>{r.order.viaHostAuthority ? t('referrals.yes') : t('referrals.no')}</dd>
          </dl>
        </section>
      )}
      <section className="card" aria-labelledby="receipt-h">
        <h2 id="receipt-h">{t('referrals.receipt')}</h2>
        <dl>
          <dt>{t('referrals.sentAt')}</dt>
          <dd>
            <ExactTime iso={r.sentAt} />
          </dd>
          <dt>{t('referrals.receivedAt')}</dt>
          <dd>{r.receipt ? <ExactTime iso={r.receipt.receivedAt} /> : t('referrals.notReceived')}</dd>
          <dt>{t('referrals.receiptHash')}</dt>
          <dd className="value">{r.receipt?.sentEventHash ?? '—'}</dd>
          <dt>{t('referrals.acknowledgedAt')}</dt>
          <dd>
            <ExactTime iso={r.acknowledgedAt} />
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="obstacle-h">
        <h2 id="obstacle-h">{t('referrals.obstacle')}</h2>
        {r.obstacle ? (
          <dl>
            <dt>{t('referrals.obstacleReason')}</dt>
            <dd>{t(`referrals.obstacles.${r.obstacle.reason}`, { defaultValue: r.obstacle.reason })}</dd>
            <dt>{t('referrals.explanation')}</dt>
            <dd className="reason">
              <Content text={r.obstacle.explanation} />
            </dd>
            <dt>{t('referrals.reportedAt')}</dt>
            <dd>
              <ExactTime iso={r.obstacle.at} />
            </dd>
            <dt>{t('referrals.state')}</dt>
            <dd>{r.status === 'obstructed' ? t('referrals.obstacleOpen') : t('referrals.obstacleCleared')}</dd>
          </dl>
        ) : (
          <p>{t('referrals.noObstacle')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="decision-h">
        <h2 id="decision-h">{t('referrals.decision')}</h2>
        {r.decision ? (
          <dl>
            <dt>{t('referrals.outcome')}</dt>
            <dd>{t(`referrals.outcomes.${r.decision.outcome}`, { defaultValue: r.decision.outcome })}</dd>
            <dt>{t('referrals.actedAt')}</dt>
            <dd>
              <ExactTime iso={r.decision.actedAt} />
            </dd>
            <dt>{t('referrals.decidedAt')}</dt>
            <dd>
              <ExactTime iso={r.decision.decidedAt} />
            </dd>
            <dt>{t('referrals.reason')}</dt>
            <dd className="reason">
              <Content text={r.decision.reason || '—'} />
            </dd>
          </dl>
        ) : (
          <p>{t('referrals.noDecision')}</p>
        )}
      </section>
      {r.kind === 'removal_order' && (
        <section className="card" aria-labelledby="scrutiny-h">
          <h2 id="scrutiny-h">{t('referrals.scrutiny')}</h2>
          <dl>
            <dt>{t('referrals.scrutinyRequestWindow')}</dt>
            <dd>{r.receipt ? <ExactTime iso={new Date(Date.parse(r.receipt.receivedAt) + 48 * 3_600_000).toISOString()} /> : '—'}</dd>
            <dt>{t('referrals.state')}</dt>
            <dd>{t(`referrals.scrutinyStatuses.${r.scrutiny.status ?? 'none'}`, { defaultValue: r.scrutiny.status ?? '' })}</dd>
            <dt>{t('referrals.requestedAt')}</dt>
            <dd>
              <ExactTime iso={r.scrutiny.requestedAt} />
            </dd>
            <dt>{t('referrals.scrutinyDueAt')}</dt>
            <dd>
              <ExactTime iso={r.scrutiny.dueAt} />
              {scrutinyLeft !== null && <span className={scrutinyLeft < 0 ? 'countdown overdue' : 'countdown running'}> · {scrutinyLeft < 0 ? t('referrals.clock.lateBy', { span: formatSpan(-scrutinyLeft) }) : t('referrals.clock.leftPlain', { span: formatSpan(scrutinyLeft) })}</span>}
            </dd>
            <dt>{t('referrals.decidedAt')}</dt>
            <dd>
              <ExactTime iso={r.scrutiny.decidedAt} />
            </dd>
            <dt>{t('referrals.reason')}</dt>
            <dd className="reason">
              <Content text={r.scrutiny.reasons ?? '—'} />
            </dd>
            <dt>{t('referrals.reinstatement')}</dt>
            <dd>{r.reinstatement ? `${t(`referrals.reinstatements.${r.reinstatement.status}`, { defaultValue: r.reinstatement.status })}${r.reinstatement.at ? ` · ${r.reinstatement.at}` : ''}` : '—'}</dd>
          </dl>
        </section>
      )}
      {hasAnyRole(me, ['admin', 'curator']) && <ReferralActions referral={r} onDone={detail.reload} />}
      <ReferralComplaints referral={r} canAct={hasAnyRole(me, ['admin', 'curator'])} onDone={detail.reload} />
      <ReferralHistory history={r.history ?? []} />
    </>
  );
}
