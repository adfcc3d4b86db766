import type { MediaKind } from './robustness-item.js';
import { LENSES, type FalseMatchRow, type RecallRow, type Tally } from './robustness-score.js';

const NOT_REGISTERED = (type: string) => `${type} not registered`;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

/** A tally as JSON: counts, rates over compared (both sides matchable) pairs, distances. */
export function tallyJson(t: Tally, rateName: 'recall' | 'falseMatchRate', withOutcomes = false): Record<string, unknown> {
  return {
    pairs: t.pairs,
    compared: t.compared,
    matched: t.matched,
    unmatchable: t.unmatchable,
    missing: t.missing,
    [rateName]: t.compared ? round3(t.matched / t.compared) : null,
    ...(rateName === 'recall' ? { recallOfAllPairs: t.pairs ? round3(t.matched / t.pairs) : null } : {}),
    distance: t.distances.length ? { min: Math.min(...t.distances), median: median(t.distances), max: Math.max(...t.distances) } : null,
    ...(t.reasons.size ? { reasons: [...t.reasons].slice(0, 3) } : {}),
    ...(withOutcomes ? { byOriginal: t.outcomes } : {}),
  };
}

function recallCell(row: RecallRow): string {
  if (row.threshold === undefined) return NOT_REGISTERED(row.lens.type);
  const t = row.same;
  if (t.compared === 0) return t.missing ? `no value (${t.missing})` : `unmatchable (${t.unmatchable})`;
  let cell = `${t.matched}/${t.compared} ${Math.round((100 * t.matched) / t.compared)}%`;
  if (t.unmatchable) cell += ` u${t.unmatchable}`;
  if (t.missing) cell += ` !${t.missing}`;
  return `${cell} d̃${median(t.distances)}`;
}

/** The recall table of one kind of media: a row per transform, a column per lens. */
export function recallTable(kind: MediaKind, rows: readonly RecallRow[], originals: number): string[] {
  const mine = rows.filter((r) => r.kind === kind);
  if (mine.length === 0) return [];
  const lenses = LENSES[kind];
  const heads = lenses.map((l) => {
    const t = mine.find((r) => r.lens === l)?.threshold;
    return `${l.label}${t === undefined ? '' : ` ≤${t}`}`;
  });
  const lines = [`${kind}: ${originals} originals; matched/compared, u = unmatchable pairs (not counted), ! = no value, d̃ = median distance to own original`];
  const body = [...new Set(mine.map((r) => r.transform))].map((transform) => [transform, ...lenses.map((l) => recallCell(mine.find((r) => r.transform === transform && r.lens === l)!))]);
  const table = [['transform', ...heads], ...body];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)) + 3);
  return [...lines, ...table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('').trimEnd())];
}

/** False matches among distinct originals, and of variants against other originals. */
export function falseMatchTable(rows: readonly FalseMatchRow[]): string[] {
  const cell = (t: Tally) => `${t.matched}/${t.compared}${t.unmatchable || t.missing ? ` (+${t.unmatchable + t.missing} not compared)` : ''}`;
  const nearest = (t: Tally) => (t.distances.length ? String(Math.min(...t.distances)) : '—');
  const head = ['kind', 'signal', 'threshold', 'originals fm/pairs', 'nearest', 'variants fm/pairs', 'nearest', 'unmatchable originals'];
  // A type the registry lacks gets one note instead of numbers; it does not size the columns.
  const table = rows.map((r) =>
    r.threshold === undefined
      ? [r.kind, r.lens.label, NOT_REGISTERED(r.lens.type)]
      : [r.kind, r.lens.label, String(r.threshold), cell(r.originals), nearest(r.originals), cell(r.variants), nearest(r.variants), String(r.unmatchableOriginals)],
  );
  const sized = [head, ...table.filter((row) => row.length === head.length)];
  const widths = head.map((_, c) => Math.max(...sized.map((row) => row[c]!.length)) + 3);
  const format = (row: string[]) => row.map((c, k) => c.padEnd(widths[k]!)).join('').trimEnd();
  const lines = ['false matches: distinct originals (ordered pairs) | variants vs other originals; nearest = smallest distance seen', format(head)];
  table.forEach((row, i) => {
    lines.push(format(row));
    for (const e of rows[i]!.examples.slice(0, 4)) lines.push(`    e.g. ${e}`);
  });
  return lines;
}
