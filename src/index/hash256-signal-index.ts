import { HASH256_WORDS, hexToWords } from './hash256.js';
import type { Hash256Index } from './hash256-index.js';
import { LinearScanIndex } from './linear-scan-index.js';
import { MihIndex, type MihOptions } from './mih-index.js';
import type { IndexHit, SignalIndex } from './signal-index.js';

export interface Hash256SignalIndexOptions {
  /** 'mih' (default): multi-index hashing; 'linear': the scan reference. */
  readonly structure?: 'mih' | 'linear';
  /** Options for the multi-index structure. */
  readonly mih?: MihOptions;
}

/**
 * `SignalIndex` for 256-bit hashes written as 64 hex digits (PDQ): parses values
 * into words (see hash256.ts) and delegates to a `MihIndex` or `LinearScanIndex`.
 *
 * @example
 *   const index = Hash256SignalIndex.fromEntries([[7, 'f8f8f0ce…']]);
 *   index.search('f8f8f0cf…', 31);   // [{ id: 7, distance: 1 }]
 */
export class Hash256SignalIndex implements SignalIndex {
  private index: Hash256Index;
  private readonly options: Hash256SignalIndexOptions;
  private readonly scratch = new Uint32Array(HASH256_WORDS);

  constructor(options: Hash256SignalIndexOptions = {}, index?: Hash256Index) {
    this.options = options;
    this.index = index ?? (options.structure === 'linear' ? new LinearScanIndex() : new MihIndex(options.mih));
  }

  /** Bulk build: much faster than one `add` at a time for large lists. */
  static fromEntries(entries: Iterable<readonly [number, string]>, options: Hash256SignalIndexOptions = {}): Hash256SignalIndex {
    return new Hash256SignalIndex(options, buildIndex([...entries], options));
  }

  get size(): number {
    return this.index.size;
  }

  add(id: number, value: string): void {
    hexToWords(value, this.scratch, 0);
    this.index.add(id, this.scratch, 0);
  }

  /** On an empty index, one bulk build; otherwise adds, then one compaction. */
  addMany(entries: readonly (readonly [number, string])[]): void {
    if (this.index.size === 0) {
      this.index = buildIndex(entries, this.options);
      return;
    }
    for (const [id, value] of entries) {
      hexToWords(value, this.scratch, 0);
      this.index.add(id, this.scratch, 0);
    }
    this.index.compact();
  }

  remove(id: number): boolean {
    return this.index.remove(id);
  }

  search(value: string, maxDistance: number): IndexHit[] {
    hexToWords(value, this.scratch, 0);
    return this.index.search(this.scratch, 0, maxDistance);
  }

  /** Merges adds and removals into the tables now, rather than on the next search (slow at scale: a rebuild). */
  compact(): void {
    this.index.compact();
  }

  memoryBytes(): number {
    return this.index.memoryBytes();
  }
}

function buildIndex(list: readonly (readonly [number, string])[], options: Hash256SignalIndexOptions): Hash256Index {
  const words = new Uint32Array(list.length * HASH256_WORDS);
  const ids = new Uint32Array(list.length);
  list.forEach(([id, value], i) => {
    hexToWords(value, words, i * HASH256_WORDS);
    ids[i] = id;
  });
  return options.structure === 'linear' ? LinearScanIndex.build(words, ids, list.length) : MihIndex.build(words, ids, list.length, options.mih);
}
