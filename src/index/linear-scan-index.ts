import { clampDistance, type Hash256Index } from './hash256-index.js';
import { Hash256Store } from './hash256-store.js';
import { HitList } from './hit-list.js';
import type { IndexHit } from './signal-index.js';

/**
 * The reference 256-bit index: one pass over every stored hash with the WebAssembly
 * popcount kernel (~3 ns a hash at 10 million, bound by memory bandwidth). No extra
 * structure: 36 bytes a hash (32 hash + 4 id) plus growth slack.
 *
 * @example
 *   const index = LinearScanIndex.build(words, ids, ids.length);
 *   index.search(query, 0, 31);
 */
export class LinearScanIndex implements Hash256Index {
  private readonly store: Hash256Store;
  private readonly hits = new HitList();

  constructor(options: { capacity?: number } = {}) {
    this.store = new Hash256Store(options.capacity ?? 1024);
  }

  /** Builds from `count` hashes (8 words each) and their ids in one pass. */
  static build(words: Uint32Array, ids: Uint32Array, count: number): LinearScanIndex {
    const index = new LinearScanIndex({ capacity: count });
    index.store.load(words, ids, count);
    return index;
  }

  get size(): number {
    return this.store.size;
  }

  add(id: number, words: Uint32Array, offset = 0): void {
    if (this.store.tailFull) this.store.compact();
    this.store.add(id, words, offset);
  }

  remove(id: number): boolean {
    const removed = this.store.remove(id);
    // Tombstones cost scan time; squeeze them out once they are a quarter of the slots.
    if (this.store.deadCount > 1024 && this.store.deadCount * 4 > this.store.count) this.store.compact();
    return removed;
  }

  search(query: Uint32Array, offset: number, maxDistance: number): IndexHit[] {
    const d = clampDistance(maxDistance);
    if (d < 0) return [];
    const { kernel } = this.store;
    this.hits.reset();
    kernel.setQuery(query, offset);
    kernel.scan(0, this.store.count, d, this.hits);
    return this.hits.toHits(this.store);
  }

  /** Drops tombstones and sorts the tail into the id-ordered base. */
  compact(): void {
    this.store.compact();
  }

  memoryBytes(): number {
    return this.store.memoryBytes();
  }
}
