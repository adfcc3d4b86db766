import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { appendFeed } from '../../store/store-feed.js';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { SIGHTING_COUNTS } from './sighting-wire.js';

/**
 * Shares one period's match counts per signal on the feed, for a node that opted in. Each
 * count goes only to partners that hold the signal: an own signal's counts at the signal's
 * distribution level (never a `local` or unconfirmed one), a received signal's counts back
 * to the partner it came from. Counts only: nothing of what was uploaded or by whom.
 */
export async function publishSightings(ctx: KyselyContext, periodStart: number, periodMs: number, counts: ReadonlyMap<string, number>): Promise<number> {
  if (counts.size === 0) return 0;
  return ctx.changeTx(async (trx) => {
    const uids = [...counts.keys()];
    const groups = new Map<string, { audience: string; audienceNode: string | null; counts: { uid: string; count: number }[] }>();
    for (let i = 0; i < uids.length; i += 500) {
      const rows = await trx.selectFrom('signals').select(['uid', 'distribution', 'origin', 'received_from', 'confirmed_at']).where('uid', 'in', uids.slice(i, i + 500)).execute();
      for (const r of rows) {
        let audience: string;
        let node: string | null = null;
        if (r.received_from) [audience, node] = ['local', r.received_from];
        else if (r.distribution !== 'local' && r.confirmed_at !== null) audience = r.distribution;
        else continue;
        const key = `${audience}|${node ?? ''}`;
        const g = groups.get(key) ?? { audience, audienceNode: node, counts: [] };
        g.counts.push({ uid: r.uid, count: counts.get(r.uid)! });
        groups.set(key, g);
      }
    }
    const events: PendingEvent[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.counts.length; i += 10_000) {
        events.push({ body: { type: SIGHTING_COUNTS, periodStart: new Date(periodStart).toISOString(), periodMs, counts: g.counts.slice(i, i + 10_000) }, audience: g.audience, audienceNode: g.audienceNode });
      }
    }
    await appendFeed(trx, ctx.signer, ctx.now(), events);
    return events.length;
  });
}
