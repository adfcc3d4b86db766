import { useTranslation } from 'react-i18next';
import type { Debrief } from '../../api/types';
import { formatSpan } from '../referrals/clock-state';
import { ExactTime } from '../referrals/ExactTime';

const span = (seconds: number | null) => (seconds === null ? '—' : seconds < 0 ? `−${formatSpan(-seconds * 1000)}` : formatSpan(seconds * 1000));

/** The debrief's measured timings: declaration to first shared signal, to each partner's first match, and the duration. */
export function IncidentDebrief({ debrief: d }: { debrief: Debrief }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="debrief-h">
      <h2 id="debrief-h">{t('incidents.debrief.title')}</h2>
      <dl>
        <dt>{t('incidents.declaredAt')}</dt>
        <dd>
          <ExactTime iso={d.declaredAt} />
        </dd>
        <dt>{t('incidents.debrief.firstSignal')}</dt>
        <dd>
          <ExactTime iso={d.firstSignalSharedAt} />
          {d.firstSignalSharedBy && ` · ${d.firstSignalSharedBy}`}
        </dd>
        <dt>{t('incidents.debrief.toFirstSignal')}</dt>
        <dd>{span(d.declarationToFirstSignalSeconds)}</dd>
        <dt>{t('incidents.concludedAt')}</dt>
        <dd>
          <ExactTime iso={d.concludedAt} />
        </dd>
        <dt>{t('incidents.debrief.duration')}</dt>
        <dd>{span(d.durationSeconds)}</dd>
      </dl>
      {d.firstMatches.length === 0 ? (
        <p>{t('incidents.debrief.noMatches')}</p>
      ) : (
        <table>
          <caption>{t('incidents.debrief.firstMatches')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidents.node')}</th>
              <th scope="col">{t('incidents.debrief.at')}</th>
              <th scope="col">{t('incidents.debrief.afterDeclaration')}</th>
              <th scope="col">{t('incidents.debrief.afterFirstSignal')}</th>
            </tr>
          </thead>
          <tbody>
            {d.firstMatches.map((m) => (
              <tr key={m.node}>
                <td>{m.node}</td>
                <td>
                  <ExactTime iso={m.at} />
                </td>
                <td>{span(m.afterDeclarationSeconds)}</td>
                <td>{span(m.afterFirstSignalSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
