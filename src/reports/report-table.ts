import type { ReportRow, ReportTable } from './report-section.js';

/** A count for some measures under one key, as a query yields it; facts with equal keys add up. */
export interface Fact<D extends string, M extends string> {
  readonly key: Readonly<Record<D, string>>;
  readonly counts: Partial<Record<M, number>>;
}

/**
 * Builds a table from facts: one row per distinct key (sorted by its values, so a report
 * is the same however the database ordered its answer), every measure present in every
 * row, and totals that are the sum of the rows.
 *
 * @example
 *   tableOf({ name: 'm', title: 'Matches', dimensions: ['label'], measures: ['matches'] }, [{ key: { label: 'a' }, counts: { matches: 2 } }]);
 */
export function tableOf<D extends string, M extends string>(spec: { name: string; title: string; dimensions: readonly D[]; measures: readonly M[] }, facts: Iterable<Fact<D, M>>): ReportTable<D, M> {
  const rows = new Map<string, { key: Record<D, string>; counts: Record<M, number> }>();
  for (const fact of facts) {
    const id = JSON.stringify(spec.dimensions.map((d) => fact.key[d]));
    let row = rows.get(id);
    if (!row) {
      row = { key: Object.fromEntries(spec.dimensions.map((d) => [d, fact.key[d]])) as Record<D, string>, counts: zeros(spec.measures) };
      rows.set(id, row);
    }
    for (const m of spec.measures) row.counts[m] += fact.counts[m] ?? 0;
  }
  const sorted: ReportRow<D, M>[] = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const totals = zeros(spec.measures);
  for (const row of sorted) for (const m of spec.measures) totals[m] += row.counts[m];
  return { name: spec.name, title: spec.title, dimensions: spec.dimensions, measures: spec.measures, rows: sorted, totals };
}

function zeros<M extends string>(measures: readonly M[]): Record<M, number> {
  return Object.fromEntries(measures.map((m) => [m, 0])) as Record<M, number>;
}
