import { signalsAddedList, statusChanges, type StatusChange } from '../signal-facts.js';
import type { ReportRow, ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf } from '../report-table.js';
import { ERROR_STATUSES, statusAt } from '../status-history.js';
import { wilsonInterval } from '../wilson-interval.js';
import { sectionHtml } from '../html/section-html.js';

type Measure = 'signals' | 'errors';
export interface ErrorRateData extends SectionData {
  readonly tables: readonly [ReportTable<'label', Measure>];
}

/** The rate and its 95% Wilson interval for a row's counts, or null when no signal was added. */
export const errorRateOf = (counts: Readonly<Record<Measure, number>>) => wilsonInterval(counts.errors, counts.signals);

/**
 * The error rate per label, with a 95% confidence interval (Wilson score). The signals
 * added in the period are the trials; an error is one of them that, at the end of the
 * period, is retracted or disputed (a dispute upheld and not overturned). A retraction
 * counts as an error because the store keeps no structured reason for it.
 *
 * Unlike the other sections this one does not add up across adjacent periods: each
 * period's signals are judged at that period's end, so a signal found wrong later
 * counts in a longer period's report and not in a shorter one's.
 */
export const errorRateSection: ReportSection<ErrorRateData> = {
  name: 'errorRate',
  title: 'Error rate',
  async compute(ctx, period) {
    const added = await signalsAddedList(ctx, period);
    const changes = new Map<number, StatusChange[]>();
    for (const c of await statusChanges(ctx, { signalsAddedIn: period })) {
      const list = changes.get(c.signalId) ?? [];
      list.push(c);
      changes.set(c.signalId, list);
    }
    const facts = added.map((s) => ({ key: { label: s.label }, counts: { signals: 1, errors: ERROR_STATUSES.has(statusAt(s.status, changes.get(s.id) ?? [], period.to)) ? 1 : 0 } }));
    return {
      tables: [tableOf({ name: 'errorRate', title: 'Error rate by label', dimensions: ['label'] as const, measures: ['signals', 'errors'] as const }, facts)],
      notes: [
        'signals: signals added in the period. errors: those of them that were retracted or disputed at the end of the period.',
        'error rate = errors / signals, with a 95% Wilson score interval. A retraction counts as an error; a dispute counts while it stands (an overturned dispute is not an error).',
        'The rate is judged at the end of each period, so rates of adjacent periods do not add up to the rate of their union.',
      ],
    };
  },
  json: (data) => ({
    ...data,
    tables: data.tables.map((t) => ({ ...t, rows: t.rows.map((r: ReportRow<'label', Measure>) => ({ ...r, interval95: errorRateOf(r.counts) })), totalsInterval95: errorRateOf(t.totals) })),
  }),
  html: (data) =>
    sectionHtml(data, {
      derived: {
        errorRate: {
          headers: ['error rate', '95% interval'],
          cells: (counts) => {
            const i = errorRateOf(counts as Record<Measure, number>);
            return i ? [percent(i.rate), `${percent(i.low)} – ${percent(i.high)}`] : ['–', '–'];
          },
        },
      },
    }),
};

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
