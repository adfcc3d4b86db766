import { extractWord, splitWords, type WordSplit } from './mih-word-split.js';
import { linearCost, MAX_MIH_DISTANCE, planProbes, probeMasks } from './mih-probe-plan.js';
import { defaultWordCount, MihTables } from './mih-tables.js';
import { clampDistance, type Hash256Index } from './hash256-index.js';
import { KERNEL_CHUNK } from './hash256-kernel.js';
import { Hash256Store } from './hash256-store.js';
import { HitList } from './hit-list.js';
import type { IndexHit } from './signal-index.js';

/** Sizes and counters for metrics and benchmarks. */
export interface MihStats {
  readonly wordWidths: readonly number[];
  readonly indexed: number;
  readonly delta: number;
  readonly tombstones: number;
  /** Bytes: hashes (WebAssembly memory incl. capacity slack and 192 KiB scratch), ids + tombstones, tables. */
  readonly bytes: { readonly hashes: number; readonly ids: number; readonly postings: number; readonly offsets: number };
  /** Since construction: queries answered through the tables, buckets probed, candidates verified. */
  readonly probedQueries: number;
  readonly probes: number;
  readonly candidates: number;
}

export interface MihOptions {
  /** Words (tables) to split 256 bits into, 11..32; default: chosen by size at each build, see defaultWordCount. */
  readonly wordCount?: number;
  /** Offsets budget for the default word count (default 16 bytes a hash). */
  readonly offsetBytesPerHash?: number;
  /** Probe the tables even where the cost model prefers a linear scan (d ≤ 63); for tests. */
  readonly alwaysProbe?: boolean;
  /** Merge the delta once it exceeds this share of the indexed hashes (default 1/64)… */
  readonly deltaFraction?: number;
  /** …or this many hashes, whichever is larger (default 4096); tombstones merge past max(this, a quarter). */
  readonly minDelta?: number;
  /** Initial capacity in hashes. */
  readonly capacity?: number;
}

/**
 * Multi-index hashing over 256-bit hashes (Norouzi, Punjani & Fleet): m tables, one
 * per word, each listing the slots by word value (compact, see MihTables). A query
 * at distance d probes, in each table t, every value within r_t bits of the query's
 * word (radii from planProbes), verifies each candidate's full distance in
 * WebAssembly, and scans the delta linearly. Duplicate hits (a slot found through
 * two tables) are dropped after verification, so no per-slot dedupe array is needed.
 *
 * Adds after the build go to the store's tail (the delta), removals leave
 * tombstones. The delta and tombstones are merged by `compact()`, which rebuilds
 * the tables; `search` calls it first when the delta has grown past
 * max(minDelta, deltaFraction × indexed) or tombstones pass a quarter.
 * Query distances above 63, or where the cost model says so, scan linearly.
 *
 * @example
 *   const index = MihIndex.build(words, ids, ids.length);
 *   index.add(42, words, 8 * 17);
 *   index.search(query, 0, 31);   // [{ id: 42, distance: 0 }, …]
 */
export class MihIndex implements Hash256Index {
  private readonly store: Hash256Store;
  private readonly hits = new HitList();
  private readonly options: MihOptions;
  private tables: MihTables | null = null;
  private plans = new Map<number, Int8Array | null>();
  private bounds = new Uint32Array(0);
  private counters = { probedQueries: 0, probes: 0, candidates: 0 };

  constructor(options: MihOptions = {}) {
    if (options.wordCount !== undefined) splitWords(options.wordCount);
    this.options = options;
    this.store = new Hash256Store(options.capacity ?? 1024);
  }

  /** Builds from `count` hashes (8 words each, see hash256.ts) and their ids; a repeated id keeps its last hash. */
  static build(words: Uint32Array, ids: Uint32Array, count: number, options: MihOptions = {}): MihIndex {
    const index = new MihIndex({ ...options, capacity: Math.max(count, options.capacity ?? 0) });
    index.store.load(words, ids, count);
    index.rebuildTables();
    return index;
  }

  get size(): number {
    return this.store.size;
  }

  /** The word split of the current tables (null before the first build or merge). */
  get wordSplit(): WordSplit | null {
    return this.tables?.split ?? null;
  }

  /** Hashes not yet in the tables. */
  get deltaCount(): number {
    return this.store.tailCount;
  }

  add(id: number, words: Uint32Array, offset = 0): void {
    if (this.store.tailFull) this.compact();
    this.store.add(id, words, offset);
  }

  remove(id: number): boolean {
    return this.store.remove(id);
  }

  /** Merges the delta and drops tombstones, then rebuilds the tables. */
  compact(): void {
    this.store.compact();
    this.rebuildTables();
  }

  search(query: Uint32Array, offset: number, maxDistance: number): IndexHit[] {
    const d = clampDistance(maxDistance);
    if (d < 0) return [];
    if (this.mergeDue()) this.compact();
    const { kernel } = this.store;
    const hits = this.hits;
    hits.reset();
    kernel.setQuery(query, offset);
    const radii = this.planFor(d);
    if (radii === null || this.tables === null) {
      kernel.scan(0, this.store.count, d, hits);
    } else {
      this.probe(this.tables, radii, query, offset, d);
      kernel.scan(this.store.sortedCount, this.store.count, d, hits);
    }
    return hits.toHits(this.store);
  }

  memoryBytes(): number {
    return this.store.memoryBytes() + (this.tables?.memoryBytes() ?? 0);
  }

  stats(): MihStats {
    const { store, tables } = this;
    const sum = (arrays: Uint32Array[] | undefined) => (arrays ?? []).reduce((n, a) => n + a.byteLength, 0);
    return {
      wordWidths: tables?.split.widths ?? [],
      indexed: store.sortedCount,
      delta: store.tailCount,
      tombstones: store.deadCount,
      bytes: { hashes: store.kernel.byteLength, ids: store.memoryBytes() - store.kernel.byteLength, postings: sum(tables?.postings), offsets: (tables?.memoryBytes() ?? 0) - sum(tables?.postings) },
      ...this.counters,
    };
  }

  private probe(tables: MihTables, radii: Int8Array, query: Uint32Array, offset: number, d: number): void {
    const { kernel } = this.store;
    const cand = kernel.cand;
    const { widths, starts } = tables.split;
    let n = 0;
    let candidates = 0;
    for (let t = 0; t < radii.length; t++) {
      if (radii[t] < 0) continue;
      const masks = probeMasks(widths[t], radii[t]);
      const word = extractWord(query, offset, starts[t], widths[t]);
      const post = tables.postings[t];
      const bounds = this.boundsFor(masks.length);
      tables.bucketBounds(t, word, masks, bounds);
      this.counters.probes += masks.length;
      // Phase 2: gather the slots into the kernel's candidate buffer, verifying in chunks.
      for (let j = 0; j < 2 * masks.length; j += 2) {
        let p = bounds[j];
        const end = bounds[j + 1];
        candidates += end - p;
        while (p < end) {
          if (n === KERNEL_CHUNK) {
            kernel.verify(n, d, this.hits);
            n = 0;
          }
          const stop = Math.min(end, p + KERNEL_CHUNK - n);
          while (p < stop) cand[n++] = post[p++];
        }
      }
    }
    if (n > 0) kernel.verify(n, d, this.hits);
    this.counters.probedQueries++;
    this.counters.candidates += candidates;
  }

  private boundsFor(probes: number): Uint32Array {
    if (this.bounds.length < 2 * probes) this.bounds = new Uint32Array(2 * probes);
    return this.bounds;
  }

  /** Radii for distance d, or null to scan linearly; cached per d until the tables change. */
  private planFor(d: number): Int8Array | null {
    let radii = this.plans.get(d);
    if (radii !== undefined) return radii;
    radii = null;
    if (this.tables !== null && d <= MAX_MIH_DISTANCE) {
      const plan = planProbes(this.tables.split, this.tables.count, d);
      if (this.options.alwaysProbe || plan.cost < linearCost(this.tables.count)) radii = plan.radii;
    }
    this.plans.set(d, radii);
    return radii;
  }

  private mergeDue(): boolean {
    const { store } = this;
    const indexed = store.sortedCount;
    const deltaLimit = Math.max(this.minDelta(), indexed * (this.options.deltaFraction ?? 1 / 64));
    return store.tailCount > deltaLimit || (store.deadCount > this.minDelta() && store.deadCount * 4 > indexed);
  }

  private minDelta(): number {
    return this.options.minDelta ?? 4096;
  }

  private rebuildTables(): void {
    const count = this.store.sortedCount;
    const split = splitWords(this.options.wordCount ?? defaultWordCount(count, this.options.offsetBytesPerHash));
    this.tables = MihTables.build(this.store.kernel.words, count, split);
    this.plans.clear();
  }
}
