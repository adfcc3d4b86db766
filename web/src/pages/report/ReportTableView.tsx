import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportTable } from '../../api/types';
import { Content } from '../../components/Content';
import { Loading } from '../../components/Status';

const BarChart = lazy(() => import('../../components/charts/BarChart'));

interface Interval {
  rate: number;
  low: number;
  high: number;
}
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * One table of a report section: a bar chart of its first measure by its first dimension
 * (labels translated), then the rows with their totals. Values other than labels are
 * someone's text (a contributor's id) and are shown as such.
 */
export function ReportTableView({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const title = t(`report.tables.${table.name}`, { defaultValue: table.title });
  const cell = (dimension: string, value: string) => (dimension === 'label' ? t(`label.${value}`, { defaultValue: value }) : <Content text={value} />);
  const withInterval = table.rows.some((r) => 'interval95' in r);
  const first = table.dimensions[0];
  const measure = table.measures[0];
  const bars = new Map<string, number>();
  if (first && measure) for (const r of table.rows) bars.set(r.key[first]!, (bars.get(r.key[first]!) ?? 0) + (r.counts[measure] ?? 0));
  const chartTitle = `${title}: ${t(`report.measures.${measure}`, { defaultValue: measure })}`;
  return (
    <>
      <h3>{title}</h3>
      {bars.size > 0 && first && (
        <Suspense fallback={<Loading />}>
          <BarChart title={chartTitle} bars={[...bars].map(([key, value]) => ({ key: first === 'label' ? t(`label.${key}`, { defaultValue: key }) : key, value }))} />
        </Suspense>
      )}
      {table.rows.length === 0 ? (
        <p>{t('report.empty')}</p>
      ) : (
        <table data-table={table.name}>
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.dimensions.map((d) => (
                <th key={d} scope="col">
                  {t(`report.dimensions.${d}`, { defaultValue: d })}
                </th>
              ))}
              {table.measures.map((m) => (
                <th key={m} scope="col">
                  {t(`report.measures.${m}`, { defaultValue: m })}
                </th>
              ))}
              {withInterval && <th scope="col">{t('report.errorRate')}</th>}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={JSON.stringify(r.key)}>
                {table.dimensions.map((d) => (
                  <td key={d}>{cell(d, r.key[d] ?? '')}</td>
                ))}
                {table.measures.map((m) => (
                  <td key={m}>{r.counts[m]}</td>
                ))}
                {withInterval && <td>{intervalText(r.interval95 as Interval | null)}</td>}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={table.dimensions.length}>
                {t('report.total')}
              </th>
              {table.measures.map((m) => (
                <td key={m}>{table.totals[m]}</td>
              ))}
              {withInterval && <td />}
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}

const intervalText = (i: Interval | null | undefined) => (i ? `${percent(i.rate)} (95 %: ${percent(i.low)} – ${percent(i.high)})` : '–');
