import type { Kysely } from 'kysely';
import type { Database } from '../../store/database-schema.js';

/**
 * This node's matches per signal since the last reading, from the match counts every
 * process of the node writes to the signals rows (match-counter.ts). Reading differences of
 * the stored counts, instead of listening in one process, counts the matches of every
 * worker process, and costs one indexed read of the signals matched since the last time.
 */
export class LocalMatchTally {
  private readonly seen = new Map<number, number>();
  private since = '';

  constructor(private readonly db: Kysely<Database>) {}

  /** Takes the current counts as the starting point (nothing before counts as new). */
  async start(): Promise<void> {
    const rows = await this.db.selectFrom('signals').select(['id', 'match_count', 'last_matched_at']).where('match_count', '>', 0).execute();
    for (const r of rows) {
      this.seen.set(Number(r.id), Number(r.match_count));
      if (r.last_matched_at && r.last_matched_at > this.since) this.since = r.last_matched_at;
    }
  }

  /** Matches per signal id since the last call. */
  async read(): Promise<Map<number, number>> {
    let q = this.db.selectFrom('signals').select(['id', 'match_count', 'last_matched_at']).where('match_count', '>', 0);
    // Rows touched at the last time read are read again: a flush may land on that same instant.
    if (this.since) q = q.where('last_matched_at', '>=', this.since);
    const rows = await q.execute();
    const out = new Map<number, number>();
    for (const r of rows) {
      const id = Number(r.id);
      const n = Number(r.match_count) - (this.seen.get(id) ?? 0);
      if (n > 0) out.set(id, n);
      this.seen.set(id, Number(r.match_count));
      if (r.last_matched_at && r.last_matched_at > this.since) this.since = r.last_matched_at;
    }
    return out;
  }
}
