import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Referral } from '../../api/types';
import { hasAnyRole, useMe } from '../../app/me-context';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { Countdown } from '../referrals/Countdown';
import { useServerNow } from '../referrals/server-clock';

/** Referrals sent or received under this incident, as the node filters them (GET /v1/referrals?incident=). */
export function LinkedReferrals({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const now = useServerNow();
  const list = useLoad(() => api<{ referrals: Referral[] }>(`/v1/referrals${query({ incident: incidentId, limit: 1000 })}`), [incidentId]);
  const linked = list.data?.referrals ?? [];
  return (
    <section className="card" aria-labelledby="lreferrals-h">
      <h2 id="lreferrals-h">{t('incidents.referrals')}</h2>
      {list.loading && !list.data ? <Loading /> : <ErrorNote error={list.error} />}
      {list.data && linked.length === 0 && <p>{t('incidents.noReferrals')}</p>}
      {linked.length > 0 && (
        <ul>
          {linked.map((r) => (
            <li key={r.id}>
              <Link to={`/referrals/${r.id}`}>{t(`referrals.kinds.${r.kind}`)}</Link> · {r.role === 'sender' ? r.receiver : r.sender} · {t(`referrals.statuses.${r.status}`, { defaultValue: r.status })} · <Countdown referral={r} now={now} />
            </li>
          ))}
        </ul>
      )}
      {hasAnyRole(me, ['admin', 'curator']) && (
        <p>
          <Link to={`/referrals/send?incident=${encodeURIComponent(incidentId)}`}>{t('incidents.sendReferral')}</Link>
        </p>
      )}
    </section>
  );
}
