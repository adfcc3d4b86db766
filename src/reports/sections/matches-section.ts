import { matchesIn } from '../signal-facts.js';
import type { ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf } from '../report-table.js';
import { sectionHtml } from '../html/section-html.js';

type Dim = 'label' | 'type';
export interface MatchesData extends SectionData {
  readonly tables: readonly [ReportTable<Dim, 'matches'>];
}

/** Matches made at this node in the period, by the matched signal's label and type. */
export const matchesSection: ReportSection<MatchesData> = {
  name: 'matches',
  title: 'Matches',
  async compute(ctx, period) {
    const facts = (await matchesIn(ctx, period)).map((g) => ({ key: g, counts: { matches: g.n } }));
    return {
      tables: [tableOf({ name: 'matches', title: 'Matches by label and signal type', dimensions: ['label', 'type'] as const, measures: ['matches'] as const }, facts)],
      notes: ['matches: content checked at this node that matched a signal, counted by the hour it was matched in; one file matching two signals counts twice.'],
    };
  },
  json: (data) => data,
  html: (data) => sectionHtml(data, { chart: { table: 'matches', by: 'label', measure: 'matches' } }),
};
