import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { IncidentSummary } from '../../api/types';
import { Content } from '../../components/Content';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { Time } from '../../components/Time';
import { useLoad } from '../../components/useLoad';

/** Open incidents (GET /v1/incidents?status=open), newest first, each with its signals. */
export function OpenIncidents() {
  const { t } = useTranslation();
  const open = useLoad(() => api<{ incidents: IncidentSummary[] }>('/v1/incidents?status=open'), []);
  const incidents = [...(open.data?.incidents ?? [])].sort((a, b) => (a.declaredAt < b.declaredAt ? 1 : -1));
  return (
    <section aria-labelledby="incidents-h" className="card">
      <h2 id="incidents-h">{t('dashboard.openIncidents', { count: incidents.length })}</h2>
      {open.loading && <Loading />}
      <ErrorNote error={open.error} />
      {open.data && incidents.length === 0 && <p>{t('dashboard.noIncidents')}</p>}
      {incidents.length > 0 && (
        <ul>
          {incidents.map((i) => (
            <li key={i.id}>
              <Content text={i.title} /> · {i.tier} · {i.declarer} · <Time iso={i.declaredAt} /> ·{' '}
              <Link to={`/signals${query({ incident: i.id })}`}>{t('dashboard.incidentSignals')}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
