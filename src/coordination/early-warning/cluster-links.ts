import type { KyselyContext } from '../../store/kysely/kysely-context.js';
import { coordinationDb, coordinationTrx } from '../alerts/coordination-tables.js';

/** One near-match edge: `signalId` (the newer signal) came within its type's threshold of `linkedId`. */
export interface SignalLink {
  readonly signalId: number;
  readonly linkedId: number;
}

/**
 * Where cluster links are kept between processes. Only the links that joined two clusters
 * are written (a spanning forest: at most one fewer than the signals), together with the
 * id of the last signal looked up, so a reader knows which signals are settled.
 */
export interface ClusterLinkStore {
  /** The highest signal id whose links are written (0: none). */
  linkedThrough(): Promise<number>;
  /** The links of the signals with ids in (after, upTo]. */
  linksIn(after: number, upTo: number): Promise<SignalLink[]>;
  /** Writes links and moves the mark to `through`, in one transaction; the mark never moves back. */
  record(links: readonly SignalLink[], through: number): Promise<void>;
}

const MARK = 'clusters.linked_through';
const CHUNK = 400;

/** The links in the store: table `signal_links` (migration 0018) and the mark in node_settings. */
export class KyselyClusterLinkStore implements ClusterLinkStore {
  constructor(private readonly ctx: KyselyContext) {}

  async linkedThrough(): Promise<number> {
    const row = await this.ctx.run(() => this.ctx.db.selectFrom('node_settings').select('value').where('key', '=', MARK).executeTakeFirst());
    return row ? Number(row.value) : 0;
  }

  async linksIn(after: number, upTo: number): Promise<SignalLink[]> {
    const rows = await this.ctx.run(() => coordinationDb(this.ctx.db).selectFrom('signal_links').select(['signal_id', 'linked_id']).where('signal_id', '>', after).where('signal_id', '<=', upTo).orderBy('signal_id').execute());
    return rows.map((r) => ({ signalId: Number(r.signal_id), linkedId: Number(r.linked_id) }));
  }

  async record(links: readonly SignalLink[], through: number): Promise<void> {
    await this.ctx.tx(async (trx) => {
      const db = coordinationTrx(trx);
      // Two processes may link the same signals around a change of leader: both sets are true near-matches.
      for (let i = 0; i < links.length; i += CHUNK) {
        const values = links.slice(i, i + CHUNK).map((l) => ({ signal_id: l.signalId, linked_id: l.linkedId }));
        await db.insertInto('signal_links').values(values).onConflict((oc) => oc.columns(['signal_id', 'linked_id']).doNothing()).execute();
      }
      const now = await db.selectFrom('node_settings').select('value').where('key', '=', MARK).executeTakeFirst();
      if (now && Number(now.value) >= through) return;
      await db.insertInto('node_settings').values({ key: MARK, value: String(through) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: String(through) })).execute();
    });
  }
}
