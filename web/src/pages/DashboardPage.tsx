import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiOnce } from '../api/client';
import type { Partner, Tally } from '../api/types';
import { hasAnyRole, useMe } from '../app/me-context';
import { Content } from '../components/Content';
import { ErrorNote, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';
import { MatchesOverTime } from './dashboard/MatchesOverTime';
import { NodeHealth, type Health } from './dashboard/NodeHealth';
import { OpenIncidents } from './dashboard/OpenIncidents';
import { OverdueReferrals } from './dashboard/OverdueReferrals';
import { RecentAlerts } from './dashboard/RecentAlerts';

// The chart library loads only with the charts.
const BarChart = lazy(() => import('../components/charts/BarChart'));

/**
 * The node at a glance: health and index size, alerts, open incidents, overdue referrals,
 * matches over time, signals and matches per label and type, partners' sync. Each part
 * shows only if the key's roles may read it.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reader = hasAnyRole(me, ['admin', 'curator', 'reviewer', 'auditor']);
  const health = useLoad(() => apiOnce<Health>('/healthz'), []);
  const stats = useLoad(() => (reader ? api<{ byLabel: Tally[]; byType: Tally[] }>('/v1/stats/signals') : Promise.resolve(undefined)), [reader]);
  const admin = hasAnyRole(me, ['admin', 'auditor']);
  // Referrals are this node's business: a partner organisation's key is refused them.
  const staff = reader && me.partnerId === me.node;
  const partners = useLoad(() => (admin ? api<{ partners: Partner[] }>('/v1/partners') : Promise.resolve(undefined)), [admin]);
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div className="cards">
        <NodeHealth health={health} />
        {reader && <RecentAlerts />}
        {reader && <OpenIncidents />}
        {staff && <OverdueReferrals />}
      </div>
      {reader && <MatchesOverTime />}
      {reader && (
        <section aria-labelledby="stats-h" className="card">
          <h2 id="stats-h">{t('dashboard.byLabel')}</h2>
          <ErrorNote error={stats.error} />
          {stats.data && (
            <>
              <Suspense fallback={<Loading />}>
                <BarChart title={t('dashboard.chart')} bars={stats.data.byLabel.map((x) => ({ key: t(`label.${x.key}`, { defaultValue: x.key }), value: x.matches }))} />
              </Suspense>
              <TallyTable by="label" caption={t('dashboard.byLabel')} rows={stats.data.byLabel.map((x) => ({ ...x, key: t(`label.${x.key}`, { defaultValue: x.key }) }))} />
              <TallyTable by="type" caption={t('dashboard.byType')} rows={stats.data.byType} />
            </>
          )}
        </section>
      )}
      {admin && (
        <section aria-labelledby="sync-h" className="card">
          <h2 id="sync-h">{t('dashboard.sync')}</h2>
          <ErrorNote error={partners.error} />
          {partners.data && <SyncList partners={partners.data.partners.filter((p) => p.kind === 'partner' && p.url)} />}
        </section>
      )}
    </>
  );
}

function TallyTable({ caption, rows, by }: { caption: string; rows: Tally[]; by: 'label' | 'type' }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`signals.${by}`)}</th>
          <th scope="col">{t('nav.signals')}</th>
          <th scope="col">{t('signals.matches')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.key}</td>
            <td>{r.signals}</td>
            <td>{r.matches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SyncList({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  if (partners.length === 0) return <p>{t('dashboard.noPartners')}</p>;
  return (
    <ul>
      {partners.map((p) => (
        <li key={p.id}>
          <Content text={p.name} />: {t('partners.lag')} {p.sync?.lag ?? '—'}, {t('partners.lastSuccess')} <Time iso={p.sync?.lastSuccessAt} />
          {p.sync?.lastError && (
            <>
              {' '}
              · <Content text={p.sync.lastError} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
