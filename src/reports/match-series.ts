import { ConcordError } from '../errors/concord-error.js';
import type { ReportContext } from './report-section.js';
import type { ReportPeriod } from './report-period.js';
import { confirmedColumn, visibleTo, type VisibilityColumns } from './report-visibility.js';

/** The width of one point of a series: an hour (as match_hours stores it) or 24 of them. */
export type SeriesBucket = 'hour' | 'day';
export const SERIES_BUCKETS: readonly SeriesBucket[] = ['hour', 'day'];

const STEP_MS: Record<SeriesBucket, number> = { hour: 3_600_000, day: 86_400_000 };

/** A month of hours or a year of days and a leap day: enough for a chart, small enough for one answer. */
export const MAX_SERIES_BUCKETS = 744;

/** Matches of one label (or one signal type), bucket by bucket, and their sum. */
export interface MatchSeriesLine {
  readonly key: string;
  readonly matches: readonly number[];
  readonly total: number;
}

/**
 * Matches over time. Bucket i covers `from + i·step` ≤ hour < `from + (i+1)·step`, so
 * the series of adjacent periods add up as the transparency report's sections do.
 */
export interface MatchSeries {
  readonly period: ReportPeriod;
  readonly bucket: SeriesBucket;
  /** The start of each bucket (ISO UTC). */
  readonly buckets: readonly string[];
  readonly byLabel: readonly MatchSeriesLine[];
  readonly byType: readonly MatchSeriesLine[];
}

type HourRow = VisibilityColumns & { hour: string; label: string; type: string; n: number | string | bigint };

/**
 * Matches at this node in the period, per bucket, by the matched signal's label and by its
 * type, counting only the signals the viewer may see (the report's rule, report-visibility.ts).
 *
 * @example
 *   await matchSeries({ db, viewer }, parsePeriod('2026-12-01', '2026-12-02'), 'hour'); // 24 buckets
 */
export async function matchSeries(ctx: ReportContext, period: ReportPeriod, bucket: SeriesBucket): Promise<MatchSeries> {
  const step = STEP_MS[bucket];
  const from = Date.parse(period.from);
  const count = Math.ceil((Date.parse(period.to) - from) / step);
  if (count > MAX_SERIES_BUCKETS) {
    throw new ConcordError('STATS_TOO_MANY_BUCKETS', `the period holds ${count} ${bucket}s; a series has at most ${MAX_SERIES_BUCKETS} points (ask for bucket=day or a shorter period)`);
  }
  const group = ['m.hour', 's.label', 's.type', 's.contributor', 's.distribution', 's.received_from'] as const;
  const rows = (await ctx.db
    .selectFrom('match_hours as m')
    .innerJoin('signals as s', 's.id', 'm.signal_id')
    .select([...group, confirmedColumn.as('confirmed'), (eb) => eb.fn.sum<number>('m.matches').as('n')])
    .where('m.hour', '>=', period.from)
    .where('m.hour', '<', period.to)
    .groupBy([...group, confirmedColumn])
    .execute()) as HourRow[];
  const byLabel = new Map<string, number[]>();
  const byType = new Map<string, number[]>();
  const add = (lines: Map<string, number[]>, key: string, i: number, n: number) => {
    let line = lines.get(key);
    if (!line) lines.set(key, (line = new Array<number>(count).fill(0)));
    line[i]! += n;
  };
  for (const row of rows) {
    if (!visibleTo(ctx.viewer, row)) continue;
    const i = Math.floor((Date.parse(row.hour) - from) / step);
    add(byLabel, row.label, i, Number(row.n));
    add(byType, row.type, i, Number(row.n));
  }
  const buckets = Array.from({ length: count }, (_, i) => new Date(from + i * step).toISOString());
  return { period, bucket, buckets, byLabel: linesOf(byLabel), byType: linesOf(byType) };
}

const linesOf = (lines: Map<string, number[]>): MatchSeriesLine[] =>
  [...lines.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, matches]) => ({ key, matches, total: matches.reduce((s, n) => s + n, 0) }));
