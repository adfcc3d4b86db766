import { useTranslation } from 'react-i18next';
import type { Referral } from '../../api/types';
import { ExactTime } from './ExactTime';

/** The referral's events as this node holds them: who wrote each, when, and whether it arrived signed. */
export function ReferralHistory({ history }: { history: NonNullable<Referral['history']> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="history-h">
      <h2 id="history-h">{t('referrals.history')}</h2>
      <table>
        <caption>{t('referrals.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('referrals.event')}</th>
            <th scope="col">{t('referrals.at')}</th>
            <th scope="col">{t('referrals.node')}</th>
            <th scope="col">{t('referrals.signed')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr key={e.eventId}>
              <td>{t(`referrals.events.${e.type}`, { defaultValue: e.type })}</td>
              <td>
                <ExactTime iso={e.at} />
              </td>
              <td>{e.node}</td>
              <td>{e.signed ? t('referrals.signedYes') : t('referrals.signedOwn')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
