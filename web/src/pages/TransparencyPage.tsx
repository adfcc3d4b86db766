import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client';
import type { ReportTable, TransparencyReport } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { ErrorNote, Loading } from '../components/Status';
import { Time } from '../components/Time';
import { useLoad } from '../components/useLoad';
import { PrintableReport } from './report/PrintableReport';
import { ReportTableView } from './report/ReportTableView';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last 30 days up to and including today (UTC): `to` is exclusive, so it is tomorrow. */
function defaultPeriod(): { from: string; to: string } {
  const tomorrow = Math.floor(Date.now() / DAY) * DAY + DAY;
  return { from: isoDay(tomorrow - 31 * DAY), to: isoDay(tomorrow) };
}

/**
 * The transparency report (GET /v1/reports/transparency) for a period the reader picks:
 * each section's tables, with a bar chart of the first measure, and the printable HTML
 * the node renders. Counted for this key's view, as the node says (`countedFor`).
 */
export default function TransparencyPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const fallback = defaultPeriod();
  const period = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const [draft, setDraft] = useState(period);
  const report = useLoad(() => api<TransparencyReport>(`/v1/reports/transparency${query(period)}`), [period.from, period.to]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/transparency${query(draft)}`);
  };
  return (
    <>
      <h1>{t('report.title')}</h1>
      <form className="card filters" onSubmit={apply} aria-label={t('report.period')}>
        <div className="grid">
          <div>
            <label htmlFor="report-from">{t('report.from')}</label>
            <input id="report-from" type="date" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div>
            <label htmlFor="report-to">{t('report.to')}</label>
            <input id="report-to" type="date" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
        </div>
        <p className="hint">{t('report.toExclusive')}</p>
        <button type="submit">{t('report.show')}</button>
      </form>
      {report.loading && <Loading />}
      <ErrorNote error={report.error} />
      {report.data && (
        <>
          <section aria-labelledby="report-about-h" className="card">
            <h2 id="report-about-h">{t('report.about')}</h2>
            <dl>
              <dt>{t('report.period')}</dt>
              <dd>
                <Time iso={report.data.period.from} /> – <Time iso={report.data.period.to} />
              </dd>
              <dt>{t('report.node')}</dt>
              <dd>{report.data.node}</dd>
              <dt>{t('report.countedFor')}</dt>
              <dd>{report.data.countedFor === 'self' ? t('report.everything') : report.data.countedFor}</dd>
              <dt>{t('report.generatedAt')}</dt>
              <dd>
                <Time iso={report.data.generatedAt} />
              </dd>
            </dl>
            <PrintableReport from={period.from} to={period.to} />
          </section>
          {Object.entries(report.data.sections).map(([name, section]) => {
            const { tables = [], notes = [] } = section as { tables?: ReportTable[]; notes?: string[] };
            return (
              <section key={name} aria-labelledby={`section-${name}-h`} className="card" data-section={name}>
                <h2 id={`section-${name}-h`}>{t(`report.sections.${name}`, { defaultValue: name })}</h2>
                {tables.map((table) => (
                  <ReportTableView key={table.name} table={table} />
                ))}
                {notes.length > 0 && (
                  // Definitions written by the node, in English.
                  <ul className="notes" lang="en" aria-label={t('report.notes')}>
                    {notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
