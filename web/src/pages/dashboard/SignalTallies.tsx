import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Tally } from '../../api/types';
import { ErrorNote, Loading } from '../../components/Status';
import { useLoad } from '../../components/useLoad';

// The chart library loads only with the charts.
const BarChart = lazy(() => import('../../components/charts/BarChart'));

/** Signals and their matches per label (a bar chart and a table) and per signal type (GET /v1/stats/signals). */
export function SignalTallies() {
  const { t } = useTranslation();
  const stats = useLoad(() => api<{ byLabel: Tally[]; byType: Tally[] }>('/v1/stats/signals'), []);
  return (
    <section aria-labelledby="stats-h" className="card">
      <h2 id="stats-h">{t('dashboard.byLabel')}</h2>
      <ErrorNote error={stats.error} />
      {stats.data && (
        <>
          <Suspense fallback={<Loading />}>
            <BarChart title={t('dashboard.chart')} bars={stats.data.byLabel.map((x) => ({ key: t(`label.${x.key}`, { defaultValue: x.key }), value: x.matches }))} />
          </Suspense>
          <TallyTable by="label" caption={t('dashboard.byLabel')} rows={stats.data.byLabel.map((x) => ({ ...x, key: t(`label.${x.key}`, { defaultValue: x.key }) }))} />
          <TallyTable by="type" caption={t('dashboard.byType')} rows={stats.data.byType} />
        </>
      )}
    </section>
  );
}

function TallyTable({ caption, rows, by }: { caption: string; rows: Tally[]; by: 'label' | 'type' }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`signals.${by}`)}</th>
          <th scope="col">{t('nav.signals')}</th>
          <th scope="col">{t('signals.matches')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.key}</td>
            <td>{r.signals}</td>
            <td>{r.matches}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

