import { sql, type RawBuilder } from 'kysely';
import { maySee, type Viewer } from '../access/viewer.js';
import type { Distribution } from '../domain/signal-record.js';

/**
 * The columns of a signal the distribution rule reads (viewer.ts `maySee`), as a report
 * query selects and groups them. Grouping by exactly these lets the database count while
 * the one rule in viewer.ts, not a second copy of it in SQL, decides what a viewer sees.
 */
export interface VisibilityColumns {
  readonly distribution: string;
  readonly contributor: string;
  readonly received_from: string | null;
  /** 1 once confirmed (four eyes), else 0. */
  readonly confirmed: number | string;
}

/** `confirmed` as a report query selects and groups it, for signals aliased `s`. */
export const confirmedColumn: RawBuilder<number> = sql<number>`case when s.confirmed_at is null then 0 else 1 end`;

/**
 * Whether the report's viewer may see the signals of a group. What a report counts is
 * what its viewer may see: the node's own keys count everything the node holds (its own
 * signals and those received, as in every other read by those keys); a partner's key
 * counts only signals it may see (shared with it, contributed by it, or received from it).
 */
export function visibleTo(viewer: Viewer, row: VisibilityColumns): boolean {
  return maySee({ distribution: row.distribution as Distribution, contributor: row.contributor, receivedFrom: row.received_from, confirmedAt: Number(row.confirmed) === 1 ? 'confirmed' : null }, viewer);
}
