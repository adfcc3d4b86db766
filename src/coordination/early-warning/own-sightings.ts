import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { coordinationTrx as coordinationDb } from '../alerts/coordination-tables.js';

/**
 * Keeps this node's own match counts of one period per signal beside partners' sightings
 * (node = this node), shared or not, so the clusters API shows hourly counts from every
 * node in one table. Counts only. The surge monitor reads partners' rows only.
 */
export async function recordOwnSightings(ctx: KyselyContext, selfId: string, periodStart: number, periodMs: number, counts: ReadonlyMap<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const at = ctx.now();
  const start = new Date(periodStart).toISOString();
  const rows = [...counts].filter(([, n]) => n > 0).map(([uid, count]) => ({ node: selfId, signal_uid: uid, period_start: start, period_ms: periodMs, count, received_at: at }));
  await ctx.tx(async (trx) => {
    const db = coordinationDb(trx);
    for (let i = 0; i < rows.length; i += 300) await db.insertInto('sightings').values(rows.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute();
  });
}
