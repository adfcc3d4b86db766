import { disputesRaised, signalsAdded, statusChanges } from '../signal-facts.js';
import type { ReportSection, ReportTable, SectionData } from '../report-section.js';
import { tableOf, type Fact } from '../report-table.js';
import { sectionHtml } from '../html/section-html.js';

type Dim = 'label' | 'type' | 'contributor';
type Measure = 'added' | 'retracted' | 'disputes';
export interface SignalsData extends SectionData {
  readonly tables: readonly [ReportTable<Dim, Measure>];
}

/**
 * Signals added, retracted and disputed in the period, by label, signal type and
 * contributor (the partner organisation that contributed the signal).
 */
export const signalsSection: ReportSection<SignalsData> = {
  name: 'signals',
  title: 'Signals',
  async compute(ctx, period) {
    const facts: Fact<Dim, Measure>[] = [];
    for (const g of await signalsAdded(ctx, period)) facts.push({ key: g, counts: { added: g.n } });
    for (const g of await disputesRaised(ctx, period)) facts.push({ key: g, counts: { disputes: g.n } });
    for (const c of await statusChanges(ctx, { period })) if (c.to === 'retracted') facts.push({ key: c, counts: { retracted: 1 } });
    const table = tableOf({ name: 'signals', title: 'Signals by label, type and contributor', dimensions: ['label', 'type', 'contributor'] as const, measures: ['added', 'retracted', 'disputes'] as const }, facts);
    return {
      tables: [table],
      notes: [
        'added: signals taken into this node in the period, contributed here or received from a partner.',
        'retracted: retractions recorded in the period (by the contributor here, or received from the signal\'s origin).',
        'disputes: "disputed" opinions recorded in the period, one per partner and dispute.',
      ],
    };
  },
  json: (data) => data,
  html: (data) => sectionHtml(data, { chart: { table: 'signals', by: 'label', measure: 'added' } }),
};
