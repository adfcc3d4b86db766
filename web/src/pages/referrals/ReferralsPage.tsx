import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Referral } from '../../api/types';
import { hasAnyRole, useMe } from '../../app/me-context';
import { navigate, useLocation } from '../../app/router';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { Countdown } from './Countdown';
import { ExactTime } from './ExactTime';
import { useServerNow } from './server-clock';
import { REFERRAL_STATUSES } from './referral-terms';
import './coordination.css';

const REFRESH_MS = 20_000;

/**
 * Referrals sent and received (GET /v1/referrals), each with its legal clock counting down
 * live against the node's time; filters (direction, status, overdue) live in the URL.
 */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params } = useLocation();
  const applied = { direction: params.get('direction') ?? '', status: params.get('status') ?? '', overdue: params.get('overdue') ?? '' };
  const [draft, setDraft] = useState(applied);
  const list = useLoad(() => api<{ referrals: Referral[] }>(`/v1/referrals${query(applied)}`), [params.toString()]);
  const now = useServerNow();
  // New referrals arrive on the feed at any time: look again now and then (the countdowns tick locally in between).
  const { reload } = list;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/referrals${query(draft)}`);
  };
  const referrals = list.data?.referrals ?? [];
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      {hasAnyRole(me, ['admin', 'curator']) && (
        <p>
          <Link to="/referrals/send">{t('referrals.send.title')}</Link>
        </p>
      )}
      <form className="card grid" onSubmit={apply} aria-label={t('referrals.filters')}>
        <div>
          <label htmlFor="rf-direction">{t('referrals.direction')}</label>
          <select id="rf-direction" value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: e.target.value })}>
            <option value="">{t('referrals.all')}</option>
            <option value="out">{t('referrals.out')}</option>
            <option value="in">{t('referrals.in')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="rf-status">{t('referrals.status')}</label>
          <select id="rf-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('referrals.all')}</option>
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`referrals.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="inline">
            <input type="checkbox" checked={draft.overdue === 'true'} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked ? 'true' : '' })} /> {t('referrals.overdueOnly')}
          </label>
          <button type="submit">{t('referrals.apply')}</button>
        </div>
      </form>
      {list.loading && !list.data ? <Loading /> : <ErrorNote error={list.error} />}
      {list.data &&
        (referrals.length === 0 ? (
          <p>{t('referrals.empty')}</p>
        ) : (
          <table className="referrals">
            <caption>{t('referrals.caption', { count: referrals.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.kind')}</th>
                <th scope="col">{t('referrals.direction')}</th>
                <th scope="col">{t('referrals.party')}</th>
                <th scope="col">{t('referrals.status')}</th>
                <th scope="col">{t('referrals.deadline')}</th>
                <th scope="col">{t('referrals.sentAt')}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((r) => (
                <tr key={r.id} className={r.overdue ? 'late' : undefined}>
                  <td>
                    <Link to={`/referrals/${r.id}`}>{t(`referrals.kinds.${r.kind}`)}</Link>
                  </td>
                  <td>{t(`referrals.roles.${r.role}`)}</td>
                  <td>{r.role === 'sender' ? r.receiver : r.sender}</td>
                  <td>{t(`referrals.statuses.${r.status}`, { defaultValue: r.status })}</td>
                  <td>
                    <Countdown referral={r} now={now} />
                  </td>
                  <td>
                    <ExactTime iso={r.sentAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
