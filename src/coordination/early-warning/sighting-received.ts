import type { ReceivedBodyHandler } from '../../store/received-body-handler.js';
import { coordinationTrx } from '../alerts/coordination-tables.js';
import { SIGHTING_COUNTS, SightingCountsBody } from './sighting-wire.js';

/**
 * Applies a partner's sightings: one row per (node, signal, period), so the same event
 * applied twice changes nothing. Counts about signals this node does not hold are dropped
 * (they could only be noise here). The counting node is the feed's own, never the body's.
 */
export const sightingReceivedHandler: ReceivedBodyHandler = {
  types: [SIGHTING_COUNTS],
  async apply(ctx, body) {
    const parsed = SightingCountsBody.safeParse(body);
    if (!parsed.success || parsed.data.node !== ctx.from.id) return 'skipped';
    const db = coordinationTrx(ctx.trx);
    const { periodStart, periodMs, counts } = parsed.data;
    const known = new Set<string>();
    for (let i = 0; i < counts.length; i += 500) {
      const rows = await db.selectFrom('signals').select('uid').where('uid', 'in', counts.slice(i, i + 500).map((c) => c.uid)).execute();
      for (const r of rows) known.add(r.uid);
    }
    const rows = counts.filter((c) => known.has(c.uid)).map((c) => ({ node: ctx.from.id, signal_uid: c.uid, period_start: periodStart, period_ms: periodMs, count: c.count, received_at: ctx.at }));
    for (let i = 0; i < rows.length; i += 300) await db.insertInto('sightings').values(rows.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute();
    return 'applied';
  },
};
