import type { Kysely } from 'kysely';
import { SIGNAL_STATUSES } from '../../domain/signal-record.js';
import type { IndexService } from '../../match/index-service.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import type { Database } from '../../store/database-schema.js';
import { noJoin, type ClusterJoin } from './cluster-join.js';
import { UnionFind } from './union-find.js';

const ALL_STATUSES = new Set(SIGNAL_STATUSES);

export interface ClusterInfo {
  /** `cluster:<uid of its oldest signal>`: stable while the cluster only grows by newer signals. */
  readonly id: string;
  readonly size: number;
  readonly exampleSignalUid: string;
}

/**
 * Clusters of signals: two signals are one cluster when one is a near-match of the other
 * (at the signal type's own threshold, as matching uses) or when a ClusterJoin gives them
 * a shared key (an incident). Kept incrementally: `catchUp` takes the signals stored since
 * the last call, looks each up in the match index and joins it with what it hits, so the
 * cost is one index search per new signal. Retracted and disputed signals stay in their
 * cluster: a variant of retracted content is still the same content.
 */
export class SignalClusters {
  private readonly uf = new UnionFind();
  private readonly uids = new Map<number, string>();
  private readonly ids = new Map<string, number>();
  private readonly keyOwner = new Map<string, number>();
  private lastId = 0;
  private readonly mergeListeners: ((root: number, absorbed: number) => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: SignalRegistry,
    private readonly index: Pick<IndexService, 'search' | 'refresh'>,
    private readonly join: ClusterJoin = noJoin,
  ) {}

  /** Called when two clusters become one (the surge detector merges their baselines). */
  onMerge(listener: (root: number, absorbed: number) => void): void {
    this.mergeListeners.push(listener);
  }

  /** Takes in every signal stored since the last call. */
  async catchUp(): Promise<number> {
    await this.index.refresh();
    let taken = 0;
    for (;;) {
      const rows = await this.db.selectFrom('signals').select(['id', 'uid', 'type', 'value']).where('id', '>', this.lastId).orderBy('id').limit(2000).execute();
      if (rows.length === 0) return taken;
      const keys = await this.join.keysOf(rows.map((r) => Number(r.id)));
      for (const row of rows) {
        const id = Number(row.id);
        this.uf.add(id);
        this.uids.set(id, row.uid);
        this.ids.set(row.uid, id);
        const type = this.registry.lookup(row.type);
        if (type.ok) for (const hit of this.index.search(row.type, row.value, type.value.threshold, ALL_STATUSES)) if (hit.id !== id) this.unite(id, hit.id);
        for (const key of keys.get(id) ?? []) {
          const owner = this.keyOwner.get(key);
          if (owner === undefined) this.keyOwner.set(key, id);
          else this.unite(id, owner);
        }
        this.lastId = id;
        taken += 1;
      }
    }
  }

  private unite(a: number, b: number): void {
    this.uf.add(b);
    const { root, absorbed } = this.uf.union(a, b);
    if (root !== absorbed) for (const l of this.mergeListeners) l(root, absorbed);
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
