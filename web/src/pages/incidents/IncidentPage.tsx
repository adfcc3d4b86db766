import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { IncidentDetail } from '../../api/types';
import { hasAnyRole, useMe } from '../../app/me-context';
import { Content } from '../../components/Content';
import { ErrorNote, Loading, Notice } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { ExactTime } from '../referrals/ExactTime';
import { IncidentConclude } from './IncidentConclude';
import { IncidentDebrief } from './IncidentDebrief';
import { IncidentNoteForm } from './IncidentNoteForm';
import { LinkedReferrals } from './LinkedReferrals';
import { LinkedSignals } from './LinkedSignals';
import { SurgeTable } from './SurgeTable';
import { Timeline } from './Timeline';
import { surgeOf } from './surge-buckets';
import '../referrals/coordination.css';

// The chart library loads only with the chart, as on the dashboard.
const SurgeChart = lazy(() => import('./SurgeChart'));

/**
 * One incident: what was declared and why (the checklist), its shared timeline, matches per
 * hour across partners, linked signals and referrals, the note form, joining, concluding
 * (declarer only) and the debrief timings.
 */
export default function IncidentPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const detail = useLoad(() => api<IncidentDetail>(`/v1/incidents/${encodeURIComponent(id ?? '')}`), [id]);
  const surge = useMemo(() => surgeOf(detail.data?.timeline ?? []), [detail.data]);
  const [joined, setJoined] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<unknown>(null);
  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorNote error={detail.error} />;
  const { incident: i, timeline, debrief } = detail.data;
  const open = i.status === 'open';
  const curator = hasAnyRole(me, ['admin', 'curator']);
  const declarer = i.declarer === me.node;
  const working = timeline.some((e) => e.byNode === me.node);
  const join = async () => {
    setJoinError(null);
    try {
      await api(`/v1/incidents/${i.id}/join`, { body: {} });
      setJoined(t('incidents.joined'));
      detail.reload();
    } catch (err) {
      setJoinError(err);
    }
  };
  return (
    <>
      <h1>
        <Content text={i.title} />
      </h1>
      <section className="card" aria-labelledby="summary-h">
        <h2 id="summary-h">{t('incidents.summary')}</h2>
        <dl>
          <dt>{t('incidents.status')}</dt>
          <dd>{t(`incidents.statuses.${i.status}`)}</dd>
          <dt>{t('incidents.tier')}</dt>
          <dd>{t(`incidents.tiers.${i.tier}`, { defaultValue: i.tier })}</dd>
          <dt>{t('incidents.declarer')}</dt>
          <dd>{declarer ? t('incidents.thisNode') : i.declarer}</dd>
          <dt>{t('incidents.receivedFrom')}</dt>
          <dd>{i.receivedFrom ?? '—'}</dd>
          <dt>{t('incidents.eventAt')}</dt>
          <dd>
            <ExactTime iso={i.eventAt} />
          </dd>
          <dt>{t('incidents.discoveredAt')}</dt>
          <dd>
            <ExactTime iso={i.discoveredAt} />
          </dd>
          <dt>{t('incidents.declaredAt')}</dt>
          <dd>
            <ExactTime iso={i.declaredAt} />
          </dd>
          <dt>{t('incidents.concludedAt')}</dt>
          <dd>
            <ExactTime iso={i.concludedAt} />
          </dd>
          <dt>{t('incidents.distribution')}</dt>
          <dd>{t(`distribution.${i.distribution}`, { defaultValue: i.distribution })}</dd>
          <dt>{t('incidents.leadProtocol')}</dt>
          <dd>{i.leadProtocol ? <Content text={i.leadProtocol} /> : '—'}</dd>
          <dt>{t('incidents.externalRefs')}</dt>
          <dd>
            {i.externalRefs.length === 0
              ? '—'
              : i.externalRefs.map((r) => (
                  <span key={`${r.protocol}:${r.id}`} className="details">
                    <Content text={`${r.protocol}: ${r.id}`} />
                  </span>
                ))}
          </dd>
          <dt>{t('incidents.banks')}</dt>
          <dd>{i.banks.length === 0 ? '—' : <Content text={i.banks.join(', ')} />}</dd>
          <dt>{t('incidents.id')}</dt>
          <dd>{i.id}</dd>
        </dl>
        <table>
          <caption>{t('incidents.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidents.criterion')}</th>
              <th scope="col">{t('incidents.met')}</th>
              <th scope="col">{t('incidents.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {i.criteria.map((c) => (
              <tr key={c.criterion}>
                <td>{t(`incidents.criteriaNames.${c.criterion}`, { defaultValue: c.criterion })}</td>
                <td>{c.met ? t('incidents.yes') : t('incidents.no')}</td>
                <td className="reason">
                  <Content text={c.reason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {open && curator && !declarer && !working && (
          <button type="button" onClick={join}>
            {t('incidents.join')}
          </button>
        )}
        <Notice text={joined} />
        <ErrorNote error={joinError} />
      </section>
      <section className="card" aria-labelledby="surge-h">
        <h2 id="surge-h">{t('incidents.surge')}</h2>
        {surge.hours.length === 0 ? (
          <p>{t('incidents.noSurge')}</p>
        ) : (
          <>
            <Suspense fallback={<Loading />}>
              <SurgeChart title={t('incidents.surge')} surge={surge} />
            </Suspense>
            <SurgeTable surge={surge} />
          </>
        )}
      </section>
      <LinkedSignals incident={i} />
      <LinkedReferrals incidentId={i.id} />
      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('incidents.timeline')}</h2>
        <Timeline entries={timeline} self={me.node} />
      </section>
      {open && hasAnyRole(me, ['admin', 'curator', 'reviewer']) && <IncidentNoteForm incidentId={i.id} onDone={detail.reload} />}
      {open && curator && declarer && <IncidentConclude incidentId={i.id} onDone={detail.reload} />}
      <IncidentDebrief debrief={debrief} />
    </>
  );
}
