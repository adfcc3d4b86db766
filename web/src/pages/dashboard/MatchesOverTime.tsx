import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { MatchSeries } from '../../api/types';
import { seriesColour } from '../../components/charts/series-colours';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';
import { RadioChoices } from '../../components/RadioChoices';

// uPlot loads with the chart, after the first view.
const SeriesChart = lazy(() => import('../../components/charts/SeriesChart'));

const HOUR = 3_600_000;
/** The spans offered: hours for a day or a week, days for a month. */
const SPANS = { day: { hours: 24, bucket: 'hour' }, week: { hours: 168, bucket: 'hour' }, month: { hours: 720, bucket: 'day' } } as const;
type Span = keyof typeof SPANS;

/** Ends at the end of the current UTC hour, so the last point holds this hour's matches. */
function periodOf(span: Span): { from: string; to: string; bucket: string } {
  const to = (Math.floor(Date.now() / HOUR) + 1) * HOUR;
  return { from: new Date(to - SPANS[span].hours * HOUR).toISOString(), to: new Date(to).toISOString(), bucket: SPANS[span].bucket };
}

/** Matches over time per label or per signal type (GET /v1/stats/matches), as a chart and as a table of totals. */
export function MatchesOverTime() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'label' | 'type'>('label');
  const [span, setSpan] = useState<Span>('week');
  const series = useLoad(() => api<MatchSeries>(`/v1/stats/matches${query(periodOf(span))}`), [span]);
  const lines = (by === 'label' ? series.data?.byLabel : series.data?.byType)?.map((l) => ({ key: by === 'label' ? t(`label.${l.key}`, { defaultValue: l.key }) : l.key, values: l.matches, total: l.total }));
  const title = t(by === 'label' ? 'dashboard.overTimeByLabel' : 'dashboard.overTimeByType');
  return (
    <section aria-labelledby="over-time-h" className="card">
      <h2 id="over-time-h">{t('dashboard.overTime')}</h2>
      <div className="controls">
        <RadioChoices legend={t('dashboard.groupBy')} name="over-time-by" options={(['label', 'type'] as const)} value={by} onChange={setBy} captionOf={(b) => t(`dashboard.by.${b}`)} />
        <div>
          <label htmlFor="over-time-span">{t('dashboard.span')}</label>
          <select id="over-time-span" value={span} onChange={(e) => setSpan(e.target.value as Span)}>
            {(Object.keys(SPANS) as Span[]).map((s) => (
              <option key={s} value={s}>
                {t(`dashboard.spans.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {series.loading && <Loading />}
      <ErrorNote error={series.error} />
      {series.data && lines && (
        <>
          {lines.length === 0 ? (
            <p>{t('dashboard.noMatches')}</p>
          ) : (
            <Suspense fallback={<Loading />}>
              <SeriesChart title={title} times={series.data.buckets} lines={lines} />
            </Suspense>
          )}
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t(by === 'label' ? 'signals.label' : 'signals.type')}</th>
                <th scope="col">{t('dashboard.total')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.key}>
                  <td>
                    <span className="swatch" aria-hidden="true" style={{ background: seriesColour(i) }} /> {l.key}
                  </td>
                  <td>{l.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
