import type { Kysely } from 'kysely';
import { SIGNAL_STATUSES } from '../../domain/signal-record.js';
import type { IndexService } from '../../match/index-service.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import type { Database } from '../../store/database-schema.js';
import { noJoin, type ClusterJoin } from './cluster-join.js';
import type { ClusterLinkStore, SignalLink } from './cluster-links.js';
import { UnionFind } from './union-find.js';

const ALL_STATUSES = new Set(SIGNAL_STATUSES);

export interface ClusterInfo {
  /** `cluster:<uid of its oldest signal>`: stable while the cluster only grows by newer signals. */
  readonly id: string;
  readonly size: number;
  readonly exampleSignalUid: string;
}

/** How a SignalClusters shares its work with the node's other processes. */
export interface SignalClustersOptions {
  /** Where links are shared between processes; without it, each instance links on its own. */
  readonly links?: ClusterLinkStore;
  /** Whether this process looks new signals up in the index (the leader); the others only read the links it wrote. */
  readonly mayLink?: () => boolean;
  /** Work between two turns of the event loop, in ms, so the process keeps answering requests while it links. */
  readonly sliceMs?: number;
}

const CHUNK = 2000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Clusters of signals: two signals are one cluster when one is a near-match of the other
 * (at the signal type's own threshold, as matching uses) or when a ClusterJoin gives them
 * a shared key (an incident). Kept incrementally: linking takes the signals stored since
 * the last call, looks each up in the match index and joins it with what it hits, so the
 * cost is one index search per new signal. Retracted and disputed signals stay in their
 * cluster: a variant of retracted content is still the same content.
 *
 * With a ClusterLinkStore, only the process allowed to (`mayLink`: the leader) searches;
 * it writes the links that joined two clusters and the last signal it settled, and every
 * process (itself after a restart included) rebuilds the same clusters from those rows.
 * A million stored signals then cost a million searches once per node, in slices that
 * leave the event loop free, instead of stalling every worker at its first look.
 */
export class SignalClusters {
  private readonly uf = new UnionFind();
  private readonly uids = new Map<number, string>();
  private readonly ids = new Map<string, number>();
  private readonly keyOwner = new Map<string, number>();
  private lastId = 0;
  private readonly mergeListeners: ((root: number, absorbed: number) => void)[] = [];
  /** Links made here but not yet written (a failed write is retried at the next catch-up). */
  private pending: SignalLink[] = [];
  private pendingThrough = 0;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: SignalRegistry,
    private readonly index: Pick<IndexService, 'search' | 'refresh'>,
    private readonly join: ClusterJoin = noJoin,
    private readonly options: SignalClustersOptions = {},
  ) {}

  /** Called when two clusters become one (the surge detector merges their baselines). */
  onMerge(listener: (root: number, absorbed: number) => void): void {
    this.mergeListeners.push(listener);
  }

  /** Takes in every signal stored since the last call (one call at a time: later calls wait for earlier ones). */
  catchUp(): Promise<number> {
    const next = this.running.then(() => this.catchUpNow());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async catchUpNow(): Promise<number> {
    const links = this.options.links;
    if (!links) return this.linkNew();
    await this.flush(links);
    const taken = await this.absorb(links, await links.linkedThrough());
    return (this.options.mayLink ?? (() => true))() ? taken + (await this.linkNew()) : taken;
  }

  /** Rebuilds clusters from the links another process (or an earlier run) wrote, up to its mark. */
  private async absorb(links: ClusterLinkStore, upTo: number): Promise<number> {
    let taken = 0;
    while (this.lastId < upTo) {
      const rows = await this.db.selectFrom('signals').select(['id', 'uid']).where('id', '>', this.lastId).where('id', '<=', upTo).orderBy('id').limit(CHUNK).execute();
      if (rows.length === 0) break;
      const last = Number(rows[rows.length - 1]!.id);
      const keys = await this.join.keysOf(rows.map((r) => Number(r.id)));
      const edges = new Map<number, number[]>();
      for (const l of await links.linksIn(this.lastId, last)) edges.set(l.signalId, [...(edges.get(l.signalId) ?? []), l.linkedId]);
      for (const row of rows) {
        const id = Number(row.id);
        this.take(id, row.uid);
        for (const other of edges.get(id) ?? []) this.unite(id, other);
        this.joinKeys(id, keys.get(id));
        taken += 1;
      }
      this.lastId = last;
      await turn();
    }
    return taken;
  }

  /** Looks each signal not yet taken in up in the index; with a link store, writes the links that joined clusters. */
  private async linkNew(): Promise<number> {
    await this.index.refresh();
    const sliceMs = this.options.sliceMs ?? 10;
    let taken = 0;
    let sliceStart = performance.now();
    for (;;) {
      // An id cursor skips nothing: signals are inserted only under the store's write lock
      // (KyselyContext.changeTx), so ids become visible in commit order on both dialects.
      const rows = await this.db.selectFrom('signals').select(['id', 'uid', 'type', 'value']).where('id', '>', this.lastId).orderBy('id').limit(CHUNK).execute();
      if (rows.length === 0) return taken;
      const keys = await this.join.keysOf(rows.map((r) => Number(r.id)));
      for (const row of rows) {
        const id = Number(row.id);
        this.take(id, row.uid);
        const type = this.registry.lookup(row.type);
        if (type.ok)
          for (const hit of this.index.search(row.type, row.value, type.value.threshold, ALL_STATUSES))
            if (hit.id !== id && this.unite(id, hit.id)) this.pending.push({ signalId: id, linkedId: hit.id });
        this.joinKeys(id, keys.get(id));
        this.lastId = id;
        this.pendingThrough = id;
        taken += 1;
        if (taken % 32 === 0 && performance.now() - sliceStart > sliceMs) {
          await turn();
          sliceStart = performance.now();
        }
      }
      if (this.options.links) await this.flush(this.options.links);
    }
  }

  private async flush(links: ClusterLinkStore): Promise<void> {
    if (this.pendingThrough === 0) return;
    await links.record(this.pending, this.pendingThrough);
    this.pending = [];
    this.pendingThrough = 0;
  }

  private take(id: number, uid: string): void {
    this.uf.add(id);
    this.uids.set(id, uid);
    this.ids.set(uid, id);
  }

  private joinKeys(id: number, keys: readonly string[] | undefined): void {
    for (const key of keys ?? []) {
      const owner = this.keyOwner.get(key);
      if (owner === undefined) this.keyOwner.set(key, id);
      else this.unite(id, owner);
    }
  }

  /** Joins the clusters of two signals; true when they were two. */
  private unite(a: number, b: number): boolean {
    this.uf.add(b);
    const { root, absorbed } = this.uf.union(a, b);
    if (root === absorbed) return false;
    for (const l of this.mergeListeners) l(root, absorbed);
    return true;
  }

  /** The root of a signal's cluster (an internal key; changes on merges), or undefined if unknown. */
  rootOf(signalId: number): number | undefined {
    return this.uf.has(signalId) ? this.uf.find(signalId) : undefined;
  }

  idOfUid(uid: string): number | undefined {
    return this.ids.get(uid);
  }

  uidOf(signalId: number): string | undefined {
    return this.uids.get(signalId);
  }

  info(signalId: number): ClusterInfo | undefined {
    if (!this.uf.has(signalId)) return undefined;
    const least = this.uf.leastOf(signalId);
    const uid = this.uids.get(least) ?? String(least);
    return { id: `cluster:${uid}`, size: this.uf.sizeOf(signalId), exampleSignalUid: this.uids.get(signalId) ?? uid };
  }

  /** The signal ids of a signal's cluster (linear in the number of signals). */
  memberIds(signalId: number): number[] {
    return this.uf.members(signalId);
  }

  /** The uids of a signal's cluster (for the API; linear in the number of signals). */
  memberUids(signalId: number): string[] {
    return this.uf.members(signalId).map((id) => this.uids.get(id) ?? String(id));
  }

  /** Clusters of at least `minSize` signals: root → member ids (for the API; linear in the number of signals). */
  groups(minSize: number): Map<number, number[]> {
    return this.uf.groups(minSize);
  }

  /** The signal id behind a cluster id (`cluster:<uid of its oldest signal>`), if that is a cluster's current id. */
  resolve(clusterId: string): number | undefined {
    if (!clusterId.startsWith('cluster:')) return undefined;
    const id = this.ids.get(clusterId.slice('cluster:'.length));
    return id !== undefined && this.uf.has(id) && this.uf.leastOf(id) === id ? id : undefined;
  }

  /** The highest signal id taken in so far. */
  get lastSignalId(): number {
    return this.lastId;
  }

  get signalCount(): number {
    return this.uids.size;
  }
}
