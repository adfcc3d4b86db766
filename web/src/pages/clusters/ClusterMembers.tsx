import { useTranslation } from 'react-i18next';
import type { ClusterMember } from '../../api/cluster-types';
import { IncidentLink, SignalUidLink } from './cluster-links';

/** A cluster's member signals this key may see, each linked to its signal page, and its incident where it has one. */
export function ClusterMembers({ members, titles }: { members: readonly ClusterMember[]; titles: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="cmembers-h">
      <h2 id="cmembers-h">{t('clusters.members')}</h2>
      <table>
        <caption>{t('clusters.membersCaption', { count: members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('signals.uid')}</th>
            <th scope="col">{t('signals.type')}</th>
            <th scope="col">{t('signals.label')}</th>
            <th scope="col">{t('signals.status')}</th>
            <th scope="col">{t('signals.contributor')}</th>
            <th scope="col">{t('signals.incident')}</th>
            <th scope="col">{t('signals.matches')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((s) => (
            <tr key={s.uid}>
              <td>
                <SignalUidLink uid={s.uid} />
              </td>
              <td>{s.type}</td>
              <td>{t(`label.${s.label}`, { defaultValue: s.label })}</td>
              <td>{t(`status.${s.status}`, { defaultValue: s.status })}</td>
              <td>{s.contributor}</td>
              <td>{s.incidentId ? <IncidentLink id={s.incidentId} titles={titles} /> : '—'}</td>
              <td>{s.matchCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
