import type { SignalStatus } from '../domain/signal-record.js';
import { SIGNAL_STATUSES } from '../domain/signal-record.js';
import type { IndexHit, SignalIndex } from '../index/signal-index.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { SignalType } from '../signals/signal-type.js';
import type { IndexRow, Store } from '../store/store.js';

const STATUS_CODE = new Map<SignalStatus, number>(SIGNAL_STATUSES.map((s, i) => [s, i + 1]));
const PAGE = 20_000;

/**
 * The in-memory indexes of one node process: one per signal type, built from the store
 * at start-up and kept current from the store's change log, so processes sharing one
 * PostgreSQL see each other's writes. Every signal stays indexed whatever its status;
 * status lives beside the index (one byte per id) so a status change costs no re-index.
 */
export class IndexService {
  private readonly indexes = new Map<string, SignalIndex>();
  private status = new Uint8Array(1 << 16);
  private cursor = 0;
  private timer?: NodeJS.Timeout;
  private following?: Promise<void>;
  lastError?: unknown;

  constructor(private readonly registry: SignalRegistry, private readonly store: Store) {}

  /** Builds every index from the store. */
  async load(): Promise<{ signals: number; ms: number }> {
    const start = performance.now();
    this.cursor = await this.store.latestChangeSeq();
    let after = 0;
    let count = 0;
    const byType = new Map<string, [number, string][]>();
    for (;;) {
      const rows = await this.store.scanIndexRows(after, PAGE);
      if (rows.length === 0) break;
      for (const row of rows) {
        let list = byType.get(row.type);
        if (!list) byType.set(row.type, (list = []));
        list.push([row.id, row.value]);
        this.setStatus(row.id, row.status);
      }
      count += rows.length;
      after = rows[rows.length - 1]!.id;
    }
    for (const [type, entries] of byType) {
      const found = this.registry.lookup(type);
      if (!found.ok) continue; // a type this node does not know: kept in the store, not indexable
      const index = this.indexFor(type, found.value);
      if (index.addMany) index.addMany(entries);
      else for (const [id, value] of entries) index.add(id, value);
    }
    return { signals: count, ms: performance.now() - start };
  }

  /** Applies stored rows (new signals or status changes). Idempotent. */
  apply(rows: readonly IndexRow[]): void {
    for (const row of rows) {
      const found = this.registry.lookup(row.type);
      if (!found.ok) continue; // a type this node does not know: kept in the store, not indexable
      if (this.statusOf(row.id) === 0) this.indexFor(row.type, found.value).add(row.id, row.value);
      this.setStatus(row.id, row.status);
    }
  }

  /** Polls the change log; safe to call while a poll is running. */
  follow(intervalMs: number): void {
    const tick = async () => {
      try {
        await this.catchUp();
        this.lastError = undefined;
      } catch (err) {
        this.lastError = err; // the database is away: keep serving from memory, retry
      }
      this.timer = setTimeout(() => void (this.following = tick()), intervalMs);
      this.timer.unref();
    };
    this.following = tick();
  }

  async catchUp(): Promise<void> {
    for (;;) {
      const { lastSeq, rows } = await this.store.changesAfter(this.cursor, 5000);
      if (lastSeq === this.cursor) return;
      this.apply(rows);
      this.cursor = lastSeq;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.following;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Hits for one validated value, restricted to signals whose status is allowed. */
  search(type: string, value: string, maxDistance: number, statuses: ReadonlySet<SignalStatus>): IndexHit[] {
    const index = this.indexes.get(type);
    if (!index) return [];
    return index.search(value, maxDistance).filter((h) => {
      const code = this.statusOf(h.id);
      return code !== 0 && statuses.has(SIGNAL_STATUSES[code - 1]!);
    });
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.indexes].map(([type, index]) => [type, index.size]));
  }

  memoryBytes(): number {
    let bytes = this.status.byteLength;
    for (const index of this.indexes.values()) bytes += index.memoryBytes();
    return bytes;
  }

  private indexFor(name: string, type: SignalType): SignalIndex {
    let index = this.indexes.get(name);
    if (!index) {
      index = type.createIndex();
      this.indexes.set(name, index);
    }
    return index;
  }

  private statusOf(id: number): number {
    return id < this.status.length ? this.status[id]! : 0;
  }

  private setStatus(id: number, status: SignalStatus): void {
    if (id >= this.status.length) {
      let size = this.status.length;
      while (size <= id) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.status);
      this.status = grown;
    }
    this.status[id] = STATUS_CODE.get(status) ?? 0;
  }
}
