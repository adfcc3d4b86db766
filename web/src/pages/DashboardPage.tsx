import { useTranslation } from 'react-i18next';
import { apiOnce } from '../api/client';
import { hasAnyRole, useMe } from '../app/me-context';
import { useAfterPaint } from '../components/useAfterPaint';
import { useLoad } from '../components/useLoad';
import { MatchesOverTime } from './dashboard/MatchesOverTime';
import { NodeHealth, type Health } from './dashboard/NodeHealth';
import { OpenIncidents } from './dashboard/OpenIncidents';
import { OverdueReferrals } from './dashboard/OverdueReferrals';
import { RecentAlerts } from './dashboard/RecentAlerts';
import { SignalTallies } from './dashboard/SignalTallies';
import { SyncHealth } from './dashboard/SyncHealth';

/**
 * The node at a glance: health and index size, alerts, open incidents, overdue referrals,
 * matches over time, signals and matches per label and type, partners' sync. Each part
 * shows only if the key's roles may read it. The health figures come first (asked for
 * while the bundle starts, see main.tsx); the rest mounts once they are on screen.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reader = hasAnyRole(me, ['admin', 'curator', 'reviewer', 'auditor']);
  const admin = hasAnyRole(me, ['admin', 'auditor']);
  // Referrals are this node's business: a partner organisation's key is refused them.
  const staff = reader && me.partnerId === me.node;
  const health = useLoad(() => apiOnce<Health>('/healthz'), []);
  const later = useAfterPaint(!health.loading);
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div className="cards">
        <NodeHealth health={health} />
        {later && reader && <RecentAlerts />}
        {later && reader && <OpenIncidents />}
        {later && staff && <OverdueReferrals />}
      </div>
      {later && reader && <MatchesOverTime />}
      {later && reader && <SignalTallies />}
      {later && admin && <SyncHealth />}
    </>
  );
}
