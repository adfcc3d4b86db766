import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Alert } from '../../api/types';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';

const SHOWN = 5;

/** The newest alerts (GET /v1/alerts), with a link to all of them. */
export function RecentAlerts() {
  const { t } = useTranslation();
  const recent = useLoad(() => api<{ alerts: Alert[] }>(`/v1/alerts?limit=${SHOWN}`), []);
  return (
    <section aria-labelledby="recent-alerts-h" className="card">
      <h2 id="recent-alerts-h">{t('dashboard.alerts')}</h2>
      {recent.loading && <Loading />}
      <ErrorNote error={recent.error} />
      {recent.data && recent.data.alerts.length === 0 && <p>{t('alerts.empty')}</p>}
      {recent.data && recent.data.alerts.length > 0 && (
        <ul>
          {recent.data.alerts.map((a) => (
            <li key={a.uid}>
              <span className={`severity ${a.severity}`}>{t(`alerts.severities.${a.severity}`, { defaultValue: a.severity })}</span> <Content text={a.title} /> · {a.origin} · <Time iso={a.lastAt} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/alerts">{t('dashboard.allAlerts')}</Link>
      </p>
    </section>
  );
}
