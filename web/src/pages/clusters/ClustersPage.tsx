import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { ClusterSummary } from '../../api/cluster-types';
import { navigate, useLocation } from '../../app/router';
import { Link } from '../../components/Link';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { clusterName, clusterPath, IncidentLink, SignalUidLink, useIncidentTitles } from './cluster-links';
import { PERIODS, periodOf } from './cluster-periods';
import { Sightings } from './Sightings';
import { SurgeState } from './SurgeState';
import '../referrals/coordination.css';
import './clusters.css';

/**
 * Early-warning clusters this key may see (GET /v1/clusters), biggest first: signals joined
 * by near-matches or a shared incident, their matches and surge state. Filters live in the URL.
 */
export default function ClustersPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const applied = { minSize: params.get('minSize') ?? '', surging: params.get('surging') ?? '', hours: periodOf(params.get('hours')) };
  const list = useLoad(() => api<{ clusters: ClusterSummary[] }>(`/v1/clusters${query(applied)}`), [params.toString()]);
  const titles = useIncidentTitles();
  const [draft, setDraft] = useState(applied);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/clusters${query({ ...draft, hours: draft.hours === PERIODS[0] ? '' : draft.hours })}`);
  };
  const clusters = list.data?.clusters ?? [];
  return (
    <>
      <h1>{t('clusters.title')}</h1>
      <p>{t('clusters.intro')}</p>
      <form className="card" onSubmit={apply} aria-labelledby="cfilters-h">
        <h2 id="cfilters-h">{t('clusters.filters')}</h2>
        <div className="grid">
          <div>
            <label htmlFor="cf-min">{t('clusters.minSize')}</label>
            <input id="cf-min" type="number" min={1} step={1} placeholder="2" value={draft.minSize} onChange={(e) => setDraft({ ...draft, minSize: e.target.value })} />
          </div>
          <div>
            <label htmlFor="cf-surge">{t('clusters.surge')}</label>
            <select id="cf-surge" value={draft.surging} onChange={(e) => setDraft({ ...draft, surging: e.target.value })}>
              <option value="">{t('clusters.any')}</option>
              <option value="true">{t('clusters.states.surging')}</option>
              <option value="false">{t('clusters.states.quiet')}</option>
            </select>
          </div>
          <div>
            <label htmlFor="cf-hours">{t('clusters.period')}</label>
            <select id="cf-hours" value={draft.hours} onChange={(e) => setDraft({ ...draft, hours: periodOf(e.target.value) })}>
              {PERIODS.map((h) => (
                <option key={h} value={h}>
                  {t(`clusters.periods.${h}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">{t('clusters.apply')}</button>
      </form>
      {list.loading && !list.data ? <Loading /> : <ErrorNote error={list.error} />}
      {list.data &&
        (clusters.length === 0 ? (
          <p>{t('clusters.empty')}</p>
        ) : (
          <table>
            <caption>{t('clusters.caption', { count: clusters.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('clusters.cluster')}</th>
                <th scope="col">{t('clusters.size')}</th>
                <th scope="col">{t('clusters.surge')}</th>
                <th scope="col">{t('clusters.example')}</th>
                <th scope="col">{t('clusters.incidents')}</th>
                <th scope="col">{t('clusters.matchesHere')}</th>
                <th scope="col">{t('clusters.sightings')}</th>
              </tr>
            </thead>
            <tbody>
              {clusters.map((c) => (
                <tr key={c.id} className={c.surge.state === 'surging' ? 'surging' : undefined}>
                  <td className="value">
                    <Link to={clusterPath(c.id)}>{t('clusters.one', { id: clusterName(c.id) })}</Link>
                  </td>
                  <td>{c.size}</td>
                  <td>
                    <SurgeState state={c.surge.state} />
                  </td>
                  <td>
                    <SignalUidLink uid={c.exampleSignalUid} />
                  </td>
                  <td>
                    {c.incidents.length === 0 ? (
                      t('clusters.none')
                    ) : (
                      <ul className="plain">
                        {c.incidents.map((i) => (
                          <li key={i}>
                            <IncidentLink id={i} titles={titles} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{c.matches.here}</td>
                  <td>
                    <Sightings sightings={c.matches.sightings} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
