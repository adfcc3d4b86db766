import { disputesRaised, statusChanges } from '../signal-facts.js';
import type { ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf, type Fact } from '../report-table.js';
import { sectionHtml } from '../html/section-html.js';

type Measure = 'raised' | 'upheld' | 'overturned';
export interface DisputesData extends SectionData {
  readonly tables: readonly [ReportTable<'label', Measure>];
}

/**
 * Disputes and their outcomes, by label, read from the status changes the store records
 * (src/exchange/federation/federation-status.ts decides them at the signal's origin):
 * - upheld: the signal became `disputed` (enough partners disputed it, or its contributor
 *   did), so it stopped matching;
 * - overturned: a `disputed` signal became `active` again (its contributor re-confirmed it,
 *   so older disputes no longer count): the signal is reinstated and matches again.
 */
export const disputesSection: ReportSection<DisputesData> = {
  name: 'disputes',
  title: 'Disputes and reinstatements',
  async compute(ctx, period) {
    const facts: Fact<'label', Measure>[] = [];
    for (const g of await disputesRaised(ctx, period)) facts.push({ key: g, counts: { raised: g.n } });
    for (const c of await statusChanges(ctx, { period })) {
      if (c.to === 'disputed') facts.push({ key: c, counts: { upheld: 1 } });
      else if (c.from === 'disputed' && c.to === 'active') facts.push({ key: c, counts: { overturned: 1 } });
    }
    return {
      tables: [tableOf({ name: 'disputes', title: 'Disputes by label', dimensions: ['label'] as const, measures: ['raised', 'upheld', 'overturned'] as const }, facts)],
      notes: [
        'raised: "disputed" opinions recorded in the period.',
        'upheld: signals that became disputed in the period (the dispute threshold was reached, or the contributor disputed its own signal); a disputed signal no longer matches.',
        'overturned: disputed signals reinstated in the period (their contributor confirmed them again, so the disputes before that no longer count); for signals, an overturned dispute and a reinstatement are the same event.',
      ],
    };
  },
  json: (data) => data,
  html: (data) => sectionHtml(data, { chart: { table: 'disputes', by: 'label', measure: 'raised' } }),
};
