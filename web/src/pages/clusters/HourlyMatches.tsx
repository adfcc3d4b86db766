import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { seriesColour } from '../../components/charts/series-colours';
import { Loading } from '../../components/Status';
import type { HourlyByNode } from './cluster-hours';

// uPlot loads with the chart, after the page, as on the dashboard.
const SeriesChart = lazy(() => import('../../components/charts/SeriesChart'));

/**
 * A cluster's matches per hour and node: the dashboard's line chart (one line per node) and,
 * as its text alternative, a table of the hours that counted any, with each node's total.
 */
export function HourlyMatches({ series, self }: { series: HourlyByNode; self: string }) {
  const { t, i18n } = useTranslation();
  const nodeName = (n: string) => (n === self ? t('clusters.thisNode') : n);
  const hour = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
  // The chart redraws when its lines change, not on every render of the page around it.
  const lines = useMemo(() => series.nodes.map((n) => ({ key: n.node === self ? t('clusters.thisNode') : n.node, values: n.counts })), [series, self, t]);
  if (series.hours.length === 0) return <p>{t('clusters.noHourly')}</p>;
  const counted = series.hours.map((h, i) => ({ h, i })).filter(({ i }) => series.nodes.some((n) => n.counts[i]! > 0));
  return (
    <>
      <Suspense fallback={<Loading />}>
        <SeriesChart title={t('clusters.hourlyChart')} times={series.hours} lines={lines} />
      </Suspense>
      <table>
        <caption>{t('clusters.hourlyTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clusters.hour')}</th>
            {series.nodes.map((n, i) => (
              <th scope="col" key={n.node}>
                <span className="swatch" aria-hidden="true" style={{ background: seriesColour(i) }} /> {nodeName(n.node)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counted.map(({ h, i }) => (
            <tr key={h}>
              <th scope="row">
                <time dateTime={h}>{hour(h)}</time>
              </th>
              {series.nodes.map((n) => (
                <td key={n.node}>{n.counts[i]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('clusters.total')}</th>
            {series.nodes.map((n) => (
              <td key={n.node}>{n.total}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </>
  );
}
