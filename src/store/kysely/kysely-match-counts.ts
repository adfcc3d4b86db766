import { sql } from 'kysely';
import { idsByCount } from '../match-count-groups.js';
import { MATCH_HOURS_CHUNK, matchHour } from '../match-hours.js';
import type { MatchCountPort } from '../store-ports.js';
import type { KyselyContext } from './kysely-context.js';

/** Match counts, kept on the signals rows. */
export class KyselyMatchCounts implements MatchCountPort {
  constructor(private readonly ctx: KyselyContext) {}

  recordMatches(counts: ReadonlyMap<number, number>, at: string): Promise<void> {
    if (counts.size === 0) return Promise.resolve();
    // A second's counts of a busy node are thousands of signals: the flush must not hold
    // the event loop or the write lock for long.
    const byCount = idsByCount(counts);
    return this.ctx.tx(async (trx) => {
      for (const [n, ids] of byCount) {
        for (let i = 0; i < ids.length; i += 500) {
          await trx.updateTable('signals').set({ match_count: sql`match_count + ${n}`, last_matched_at: at }).where('id', 'in', ids.slice(i, i + 500)).execute();
        }
      }
      // The same counts by hour, for reports over a period (the running total above knows no time).
      const hour = matchHour(at);
      const entries = [...counts];
      for (let i = 0; i < entries.length; i += MATCH_HOURS_CHUNK) {
        await trx
          .insertInto('match_hours')
          .values(entries.slice(i, i + MATCH_HOURS_CHUNK).map(([id, n]) => ({ signal_id: id, hour, matches: n })))
          .onConflict((oc) => oc.columns(['hour', 'signal_id']).doUpdateSet({ matches: sql`match_hours.matches + excluded.matches` }))
          .execute();
      }
    });
  }
}
