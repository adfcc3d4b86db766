import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Incident } from '../../api/types';
import { hasAnyRole, useMe } from '../../app/me-context';
import { navigate, useLocation } from '../../app/router';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';
import { IncidentPartners, PARTNER_ROWS } from './IncidentPartners';
import '../referrals/coordination.css';

/** Incidents this key may see (GET /v1/incidents), open or concluded, newest first as the node lists them. */
export default function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params } = useLocation();
  const status = params.get('status') ?? '';
  const list = useLoad(() => api<{ incidents: Incident[] }>(`/v1/incidents${query({ status })}`), [status]);
  const incidents = list.data?.incidents ?? [];
  return (
    <>
      <h1>{t('incidents.title')}</h1>
      {hasAnyRole(me, ['admin', 'curator']) && (
        <p>
          <Link to="/incidents/declare">{t('incidents.declare.title')}</Link>
        </p>
      )}
      <div className="card">
        <label htmlFor="if-status">{t('incidents.show')}</label>
        <select id="if-status" value={status} onChange={(e) => navigate(`/incidents${query({ status: e.target.value })}`)}>
          <option value="">{t('incidents.all')}</option>
          <option value="open">{t('incidents.statuses.open')}</option>
          <option value="concluded">{t('incidents.statuses.concluded')}</option>
        </select>
      </div>
      {list.loading && !list.data ? <Loading /> : <ErrorNote error={list.error} />}
      {list.data &&
        (incidents.length === 0 ? (
          <p>{t('incidents.empty')}</p>
        ) : (
          <table>
            <caption>{t('incidents.caption', { count: incidents.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incidents.titleField')}</th>
                <th scope="col">{t('incidents.tier')}</th>
                <th scope="col">{t('incidents.status')}</th>
                <th scope="col">{t('incidents.declarer')}</th>
                <th scope="col">{t('incidents.partners')}</th>
                <th scope="col">{t('incidents.eventAt')}</th>
                <th scope="col">{t('incidents.declaredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i, n) => (
                <tr key={i.id}>
                  <td className="reason">
                    <Link to={`/incidents/${i.id}`}>
                      <Content text={i.title} />
                    </Link>
                  </td>
                  <td>{t(`incidents.tiers.${i.tier}`, { defaultValue: i.tier })}</td>
                  <td>{t(`incidents.statuses.${i.status}`)}</td>
                  <td>{i.declarer === me.node ? t('incidents.thisNode') : i.declarer}</td>
                  <td>{n < PARTNER_ROWS ? <IncidentPartners id={i.id} self={me.node} /> : '—'}</td>
                  <td>
                    <Time iso={i.eventAt} />
                  </td>
                  <td>
                    <Time iso={i.declaredAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
