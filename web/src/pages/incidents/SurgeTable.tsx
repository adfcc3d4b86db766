import { useTranslation } from 'react-i18next';
import type { Surge } from './surge-buckets';

/** The surge chart's numbers as a table: one row per hour, one column per partner node. */
export function SurgeTable({ surge }: { surge: Surge }) {
  const { t, i18n } = useTranslation();
  const hour = (ms: number) => new Date(ms).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <table>
      <caption>{t('incidents.surgeTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('incidents.hour')}</th>
          {surge.byNode.map((s) => (
            <th scope="col" key={s.node}>
              {s.node}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {surge.hours.map((h, i) => (
          <tr key={h}>
            <th scope="row">
              <time dateTime={new Date(h).toISOString()}>{hour(h)}</time>
            </th>
            {surge.byNode.map((s) => (
              <td key={s.node}>{s.counts[i]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
