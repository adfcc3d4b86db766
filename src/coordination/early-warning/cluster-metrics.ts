import client from 'prom-client';
import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import type { ClusterLinkStore } from './cluster-links.js';

/**
 * How far clustering has got, for operators and the API bench: after an upgrade or a bulk
 * import the leader links every stored signal once, in the background, and this says when
 * it is done (0 signals waiting).
 */
export function registerClusterMetrics(registry: client.Registry, ctx: KyselyContext, links: ClusterLinkStore): void {
  new client.Gauge({
    name: 'concord_cluster_signals_unlinked',
    help: 'Stored signals the leader has not yet looked up for early-warning cluster links',
    registers: [registry],
    async collect() {
      const through = await links.linkedThrough().catch(() => undefined);
      if (through === undefined) return;
      const row = await ctx.run(() => ctx.db.selectFrom('signals').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '>', through).executeTakeFirst()).catch(() => undefined);
      if (row) this.set(Number(row.n));
    },
  });
}
