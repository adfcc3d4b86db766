import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { ClusterDetail } from '../../api/cluster-types';
import { useMe } from '../../app/me-context';
import { navigate, useLocation } from '../../app/router';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { clusterName, clusterPath, IncidentLink, SignalUidLink, useIncidentTitles } from './cluster-links';
import { hourlyByNode } from './cluster-hours';
import { PERIODS, periodOf } from './cluster-periods';
import { ClusterMembers } from './ClusterMembers';
import { HourlyMatches } from './HourlyMatches';
import { SurgeState } from './SurgeState';
import '../referrals/coordination.css';
import './clusters.css';

/**
 * One early-warning cluster (GET /v1/clusters/{id}): its surge state, the member signals
 * and incidents this key may see, and matches per hour and node over the chosen period.
 * The path names the cluster by its oldest signal's uid.
 */
export default function ClusterPage({ id: uid }: { id?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { params } = useLocation();
  const id = `cluster:${uid ?? ''}`;
  const hours = periodOf(params.get('hours'));
  const detail = useLoad(() => api<ClusterDetail>(`/v1/clusters/${encodeURIComponent(id)}${query({ hours })}`), [id, hours]);
  const titles = useIncidentTitles();
  const series = useMemo(() => hourlyByNode(detail.data?.hourly ?? [], me.node), [detail.data, me.node]);
  const heading = <h1 className="value">{t('clusters.one', { id: clusterName(id) })}</h1>;
  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) {
    return (
      <>
        {heading}
        <ErrorNote error={detail.error} />
        <p>
          <Link to="/clusters">{t('clusters.all')}</Link>
        </p>
      </>
    );
  }
  const c = detail.data;
  const minutes = c.surge.bucketMs ? Math.round(c.surge.bucketMs / 60_000) : null;
  return (
    <>
      {heading}
      <p>
        <Link to="/clusters">{t('clusters.all')}</Link>
      </p>
      <section className="card" aria-labelledby="csummary-h">
        <h2 id="csummary-h">{t('clusters.summary')}</h2>
        <dl>
          <dt>{t('clusters.id')}</dt>
          <dd className="value">
            <code>{c.id}</code>
          </dd>
          <dt>{t('clusters.surge')}</dt>
          <dd>
            <SurgeState state={c.surge.state} />
          </dd>
          <dt>{t('clusters.episodes')}</dt>
          <dd>{c.surge.episodes}</dd>
          {c.surge.baselinePerBucket !== null && minutes !== null && (
            <>
              <dt>{t('clusters.baseline', { minutes })}</dt>
              <dd>{c.surge.baselinePerBucket}</dd>
            </>
          )}
          <dt>{t('clusters.seenBy')}</dt>
          <dd>{c.surge.seenBy.length ? [...c.surge.seenBy].sort((a, b) => (a === me.node ? -1 : b === me.node ? 1 : a.localeCompare(b))).map((n) => (n === me.node ? t('clusters.thisNode') : n)).join(', ') : t('clusters.none')}</dd>
          <dt>{t('clusters.size')}</dt>
          <dd>{c.size}</dd>
          <dt>{t('clusters.example')}</dt>
          <dd>
            <SignalUidLink uid={c.exampleSignalUid} />
          </dd>
          <dt>{t('clusters.matchesHere')}</dt>
          <dd>{c.matches.here}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="chourly-h">
        <h2 id="chourly-h">{t('clusters.hourly')}</h2>
        <label htmlFor="c-hours">{t('clusters.period')}</label>
        <select id="c-hours" value={hours} onChange={(e) => navigate(`${clusterPath(id)}${query({ hours: e.target.value === PERIODS[0] ? '' : e.target.value })}`)}>
          {PERIODS.map((h) => (
            <option key={h} value={h}>
              {t(`clusters.periods.${h}`)}
            </option>
          ))}
        </select>
        <HourlyMatches series={series} self={me.node} />
      </section>
      <section className="card" aria-labelledby="cincidents-h">
        <h2 id="cincidents-h">{t('clusters.incidents')}</h2>
        {c.incidents.length === 0 ? (
          <p>{t('clusters.noIncidents')}</p>
        ) : (
          <ul>
            {c.incidents.map((i) => (
              <li key={i}>
                <IncidentLink id={i} titles={titles} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ClusterMembers members={c.signals} titles={titles} />
    </>
  );
}
