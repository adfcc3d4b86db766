import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.js';
import type { Database } from '../store/database-schema.js';
import type { ReportPeriod } from './report-period.js';

/**
 * What a section computes from: the store's database and the viewer the report is for.
 * A section counts only what `viewer` may see (report-visibility.ts decides it).
 */
export interface ReportContext {
  readonly db: Kysely<Database>;
  readonly viewer: Viewer;
}

/** One row of a table: its key (a value per dimension) and its counts (a number per measure). */
export interface ReportRow<D extends string = string, M extends string = string> {
  readonly key: Readonly<Record<D, string>>;
  readonly counts: Readonly<Record<M, number>>;
}

/**
 * A table of counts. `totals` is the sum of every row's counts, measure by measure: a
 * test (report-reconcile.test.ts) holds every section to it, so totals reconcile with the
 * rows by construction and by proof.
 */
export interface ReportTable<D extends string = string, M extends string = string> {
  readonly name: string;
  readonly title: string;
  readonly dimensions: readonly D[];
  readonly measures: readonly M[];
  readonly rows: readonly ReportRow<D, M>[];
  readonly totals: Readonly<Record<M, number>>;
}

/** What a section computes: its tables, and notes that say how to read them (definitions). */
export interface SectionData {
  readonly tables: readonly ReportTable[];
  readonly notes: readonly string[];
}

/**
 * A part of the transparency report. Sections are listed in report-sections.ts; adding
 * one (incidents, referrals, the monitor…) is one file that implements this and one
 * line in that list. A section reads only the store and counts only what the report's
 * viewer may see; it never takes a typed-in figure.
 *
 * `json` and `html` render what `compute` returned. `html` must escape every string it
 * writes (html/html-escape.ts); html/section-html.ts renders tables and bar charts for
 * sections that need nothing else.
 *
 * @example
 *   export const matchesSection: ReportSection<MatchesData> = {
 *     name: 'matches',
 *     title: 'Matches',
 *     compute: async (ctx, period) => ({ tables: [await matchTable(ctx, period)], notes: [] }),
 *     json: (data) => data,
 *     html: (data) => sectionHtml(data),
 *   };
 */
export interface ReportSection<T extends SectionData = SectionData> {
  /** Stable key of the section in the JSON report; never renamed once shipped. */
  readonly name: string;
  readonly title: string;
  compute(ctx: ReportContext, period: ReportPeriod): Promise<T>;
  json(data: T): unknown;
  html(data: T): string;
}
