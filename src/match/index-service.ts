import type { SignalStatus } from '../domain/signal-record.js';
import { SIGNAL_STATUSES } from '../domain/signal-record.js';
import type { IndexHit, SignalIndex } from '../index/signal-index.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { SignalType } from '../signals/signal-type.js';
import type { ChangeLogPort, IndexRow, SettingsPort } from '../store/store.js';
import { readIndexSnapshot, writeIndexSnapshot } from './index-snapshot.js';
import { randomIds, type IdGenerator } from '../util/id-generator.js';
import { systemClock, type Clock } from '../util/clock.js';

const STATUS_CODE = new Map<SignalStatus, number>(SIGNAL_STATUSES.map((s, i) => [s, i + 1]));
const PAGE = 20_000;

/**
 * The in-memory indexes of one node process: one per signal type, built at start-up and
 * kept current from the store's change log, so processes sharing one PostgreSQL see each
 * other's writes. Every signal stays indexed whatever its status; status lives beside the
 * index (one byte per id) so a status change costs no re-index.
 */
export class IndexService {
  private readonly indexes = new Map<string, SignalIndex>();
  private status = new Uint8Array(1 << 16);
  private cursor = 0;
  private timer?: NodeJS.Timeout;
  private following?: Promise<void>;
  private stopped = false;
  private readonly applyListeners = new Set<(ids: readonly number[]) => void>();
  lastError?: unknown;

  constructor(
    private readonly registry: SignalRegistry,
    private readonly store: ChangeLogPort & Pick<SettingsPort, 'initSetting'>,
    private readonly ids: IdGenerator = randomIds,
    // The node's clock: /healthz judges these times against it, so both must read the same one.
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Builds every index: from the snapshot file when there is a valid one (then catches up
   * from the change log), otherwise by scanning the store. With a snapshot path, it then
   * writes a fresh snapshot for the next start.
   */
  async load(snapshotPath?: string): Promise<{ signals: number; ms: number; from: 'store' | 'snapshot' }> {
    const start = performance.now();
    const instance = await this.store.initSetting('store.instance', this.ids.uuid());
    const latest = await this.store.latestChangeSeq();
    const snapshot = snapshotPath ? readIndexSnapshot(snapshotPath, instance) : undefined;
    const byType = new Map<string, [number, string][]>();
    let from: 'store' | 'snapshot';
    if (snapshot && snapshot.changeSeq <= latest) {
      from = 'snapshot';
      this.cursor = snapshot.changeSeq;
      this.status = new Uint8Array(Math.max(1 << 16, snapshot.status.length * 2));
      this.status.set(snapshot.status);
      for (const [type, { ids, values }] of snapshot.byType) byType.set(type, Array.from(ids, (id, i) => [id, values[i]!] as [number, string]));
    } else {
      from = 'store';
      this.cursor = latest;
      await this.scanStore(byType);
    }
    for (const [type, entries] of byType) {
      const found = this.registry.lookup(type);
      if (!found.ok) continue; // a type this node does not know: kept in the store, not indexable
      const index = this.indexFor(type, found.value);
      if (index.addMany) index.addMany(entries);
      else for (const [id, value] of entries) index.add(id, value);
    }
    const added: IndexRow[] = [];
    await this.catchUp(added);
    for (const row of added) listFor(byType, row.type).push([row.id, row.value]);
    let signals = 0;
    for (const list of byType.values()) signals += list.length;
    // Refresh the snapshot when it was missing or the catch-up was large; small catch-ups are cheaper to redo.
    if (snapshotPath && (from === 'store' || added.length > Math.max(10_000, signals / 100))) this.writeSnapshot(snapshotPath, instance, byType);
    return { signals, ms: performance.now() - start, from };
  }

  /** Applies stored rows (new signals or status changes). Idempotent. Newly indexed rows go to `added`. */
  apply(rows: readonly IndexRow[], added?: IndexRow[]): void {
    if (rows.length > 0) for (const listener of this.applyListeners) listener(rows.map((r) => r.id));
    for (const row of rows) {
      const found = this.registry.lookup(row.type);
      if (!found.ok) continue; // a type this node does not know: kept in the store, not indexable
      if (this.statusOf(row.id) === 0) {
        this.indexFor(row.type, found.value).add(row.id, row.value);
        added?.push(row);
      }
      this.setStatus(row.id, row.status);
    }
  }

  /** Hears of every signal that changed (added, status, label): caches of signal records drop theirs. */
  onApply(listener: (ids: readonly number[]) => void): () => void {
    this.applyListeners.add(listener);
    return () => this.applyListeners.delete(listener);
  }

  /** The status this process knows for a signal, or undefined if it is not indexed here. */
  statusAt(id: number): SignalStatus | undefined {
    const code = this.statusOf(id);
    return code === 0 ? undefined : SIGNAL_STATUSES[code - 1];
  }

  private refreshing: Promise<void> = Promise.resolve();

  /**
   * Catches up with the change log now, after the polls and refreshes already under way:
   * a writer in this process (the sync puller) calls it so its writes match at once.
   */
  refresh(): Promise<void> {
    const next = this.refreshing.then(() => this.catchUp());
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  private lastPollAt = 0;
  private caughtUpAt = 0;

  /**
   * How this process keeps up with the change log, for /healthz: when it last tried to read
   * it, when it last caught up, and the last failure. Times in ms since the epoch (0: never).
   */
  followState(): { readonly cursor: number; readonly lastPollAt: number; readonly caughtUpAt: number; readonly lastError?: string } {
    return { cursor: this.cursor, lastPollAt: this.lastPollAt, caughtUpAt: this.caughtUpAt, ...(this.lastError ? { lastError: (this.lastError as Error).message ?? String(this.lastError) } : {}) };
  }

  /** Polls the change log every `intervalMs` until stopped. */
  follow(intervalMs: number): void {
    const tick = async () => {
      this.lastPollAt = this.clock.now();
      try {
        await this.refresh();
        this.caughtUpAt = this.clock.now();
        this.lastError = undefined;
      } catch (err) {
        this.lastError = err; // the database is away: keep serving from memory, retry
      }
      if (this.stopped) return;
      this.timer = setTimeout(() => void (this.following = tick()), intervalMs);
      this.timer.unref();
    };
    this.following = tick();
  }

  /** Applies every change after the cursor. Sequence numbers follow commit order (see the store), so nothing is skipped. */
  async catchUp(added?: IndexRow[]): Promise<void> {
    for (;;) {
      const { lastSeq, rows } = await this.store.changesAfter(this.cursor, 5000);
      if (lastSeq === this.cursor) return;
      this.apply(rows, added);
      this.cursor = lastSeq;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.following;
  }

  /** Hits for one validated value (or the query's alternate named `alternate`), restricted to signals whose status is allowed. */
  search(type: string, value: string, maxDistance: number, statuses: ReadonlySet<SignalStatus>, alternate?: string): IndexHit[] {
    const index = this.indexes.get(type);
    if (!index) return [];
    return index.search(value, maxDistance, alternate).filter((h) => {
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

  private async scanStore(byType: Map<string, [number, string][]>): Promise<void> {
    for (let after = 0; ; ) {
      const rows = await this.store.scanIndexRows(after, PAGE);
      if (rows.length === 0) return;
      for (const row of rows) {
        listFor(byType, row.type).push([row.id, row.value]);
        this.setStatus(row.id, row.status);
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  private writeSnapshot(path: string, instance: string, byType: ReadonlyMap<string, [number, string][]>): void {
    let maxId = 0;
    const types = new Map<string, { ids: Uint32Array; values: string[] }>();
    for (const [type, entries] of byType) {
      types.set(type, { ids: Uint32Array.from(entries, (e) => e[0]), values: entries.map((e) => e[1]) });
      for (const [id] of entries) if (id > maxId) maxId = id;
    }
    try {
      writeIndexSnapshot(path, { instance, changeSeq: this.cursor, byType: types, status: this.status.slice(0, maxId + 1) });
    } catch {
      // Only a start-up cache: failing to write one costs the next start some seconds, nothing else.
    }
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

function listFor(byType: Map<string, [number, string][]>, type: string): [number, string][] {
  let list = byType.get(type);
  if (!list) byType.set(type, (list = []));
  return list;
}
