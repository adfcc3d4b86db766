import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ReferralSummary } from '../../api/types';
import { ErrorNote, Loading } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';

/** Referrals and removal orders past a legal clock (GET /v1/referrals?overdue=true), sent or received. */
export function OverdueReferrals() {
  const { t } = useTranslation();
  const overdue = useLoad(() => api<{ referrals: ReferralSummary[] }>('/v1/referrals?overdue=true'), []);
  const referrals = overdue.data?.referrals ?? [];
  return (
    <section aria-labelledby="overdue-h" className="card">
      <h2 id="overdue-h">{t('dashboard.overdue', { count: referrals.length })}</h2>
      {overdue.loading && <Loading />}
      <ErrorNote error={overdue.error} />
      {overdue.data && referrals.length === 0 && <p>{t('dashboard.noOverdue')}</p>}
      {referrals.length > 0 && (
        <table>
          <caption>{t('dashboard.overdueTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.referral')}</th>
              <th scope="col">{t('dashboard.kind')}</th>
              <th scope="col">{t('dashboard.parties')}</th>
              <th scope="col">{t('dashboard.dueAt')}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.kind}</td>
                <td>
                  {r.sender} → {r.receiver}
                </td>
                <td>
                  <Time iso={r.clock.dueAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
