import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEntry, Opinion, Signal } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { ErrorNote, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';
import { AuditTrail } from './signal/AuditTrail';
import { SignalCluster } from './signal/SignalCluster';
import { SignalActions } from './signal/SignalActions';

interface Detail {
  signal: Signal;
  contributor: { id: string; name: string } | null;
  opinions: Opinion[];
  audit: AuditEntry[];
  originEvent: unknown;
}

/** One signal: provenance, the origin's signed event, opinions and disputes, audit trail, and the actions on it. */
export default function SignalPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const detail = useLoad(() => api<Detail>(`/v1/signals/${id}`), [id]);
  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorNote error={detail.error} />;
  const { signal: s, contributor, opinions, audit, originEvent } = detail.data;
  const disputes = opinions.filter((o) => o.opinion === 'disputed');
  return (
    <>
      <h1>{t('signal.title', { id: s.id })}</h1>
      <section className="card" aria-labelledby="prov-h">
        <h2 id="prov-h">{t('signal.provenance')}</h2>
        <dl>
          <dt>{t('signals.type')}</dt>
          <dd>{s.type}</dd>
          <dt>{t('signals.value')}</dt>
          <dd className="value">
            <Content text={s.value} />
          </dd>
          <dt>{t('signals.label')}</dt>
          <dd>{t(`label.${s.label}`, { defaultValue: s.label })}</dd>
          <dt>{t('signals.status')}</dt>
          <dd>
            {t(`status.${s.status}`, { defaultValue: s.status })}
            {s.statusReason && (
              <>
                {' · '}
                <Content text={s.statusReason} />
              </>
            )}
          </dd>
          <dt>{t('signals.reason')}</dt>
          <dd className="reason">
            <Content text={s.reason} />
          </dd>
          <dt>{t('signals.contributor')}</dt>
          <dd>{contributor ? <Content text={`${contributor.name} (${contributor.id})`} /> : s.contributor}</dd>
          <dt>{t('signal.origin')}</dt>
          <dd>{s.origin ?? t('signal.thisNode')}</dd>
          <dt>{t('signal.receivedFrom')}</dt>
          <dd>{s.receivedFrom ?? '—'}</dd>
          <dt>{t('signal.uid')}</dt>
          <dd>{s.uid}</dd>
          <dt>{t('signal.distribution')}</dt>
          <dd>{t(`distribution.${s.distribution}`, { defaultValue: s.distribution })}</dd>
          <dt>{t('signal.confirmed')}</dt>
          <dd>{s.confirmedAt ? <Time iso={s.confirmedAt} /> : t('signal.notConfirmed', { have: s.confirmations, need: s.confirmationsRequired })}</dd>
          <dt>{t('signal.created')}</dt>
          <dd>
            <Time iso={s.createdAt} />
          </dd>
          <dt>{t('signals.matches')}</dt>
          <dd>{s.matchCount}</dd>
          <dt>{t('clusters.cluster')}</dt>
          <dd>
            <SignalCluster uid={s.uid} />
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="origin-h">
        <h2 id="origin-h">{t('signal.originEvent')}</h2>
        {originEvent ? (
          <pre className="json" tabIndex={0}>
            <Content text={JSON.stringify(originEvent, null, 2)} />
          </pre>
        ) : (
          <p>{t('signal.noOriginEvent')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="opinions-h">
        <h2 id="opinions-h">
          {t('signal.opinions')} · {t('signal.disputes')}: {disputes.length}
        </h2>
        {opinions.length === 0 ? (
          <p>{t('signal.noOpinions')}</p>
        ) : (
          <ul>
            {opinions.map((o) => (
              <li key={o.id}>
                <Time iso={o.createdAt} /> · {o.partner} · {t(`opinion.${o.opinion}`, { defaultValue: o.opinion })} · <Content text={o.reason} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {hasAnyRole(me, ['admin', 'curator', 'reviewer']) && <SignalActions signal={s} me={me} onDone={detail.reload} />}
      <AuditTrail entries={audit} />
    </>
  );
}
