import { extractColumn, MAX_WORDS, MIN_WORDS, splitWords, type WordSplit } from './mih-word-split.js';

/** Buckets per offsets block: 16. */
const BLOCK_BITS = 4;
const BLOCK = 1 << BLOCK_BITS;
/** A base with this bit set marks a block whose exact offsets live in `wide`. */
const WIDE = 0x80000000;
const MAX_COUNT = 255;
const TOP_BITS = 8;
const TOP_BUCKETS = 1 << TOP_BITS;

/**
 * The compact multi-index tables over slots [0, count) of a hash array, one per word.
 * Table t lists the slots whose word t equals v contiguously in postings[t] (4 bytes
 * a hash per table), in ascending slot order. Where bucket v starts is compressed to
 * 1.25 bytes a bucket instead of a 4-byte CSR offset:
 *
 *   bases[t][v >> 4]   uint32: where the block of 16 buckets starts
 *   counts[t][v]       uint8: bucket sizes; start(v) = base + counts of the buckets before v in its block
 *
 * A block holding a bucket of 255 or more (heavy duplicates) has WIDE set in its base,
 * and its 17 exact offsets in wide[t]. So 2^width buckets cost 1.25 · 2^width bytes.
 *
 * @example
 *   const tables = MihTables.build(store.kernel.words, store.count, splitWords(11));
 */
export class MihTables {
  private constructor(
    readonly split: WordSplit,
    readonly count: number,
    readonly bases: Uint32Array[],
    readonly counts: Uint8Array[],
    readonly wide: Map<number, Uint32Array>[],
    readonly postings: Uint32Array[],
  ) {}

  /** Bytes of offsets (bases and counts) for a split: the fixed cost of a table. */
  static offsetBytes(split: WordSplit): number {
    return split.widths.reduce((sum, w) => sum + 2 ** w + 4 * 2 ** (w - BLOCK_BITS), 0);
  }

  static build(words: Uint32Array, count: number, split: WordSplit): MihTables {
    const bases: Uint32Array[] = [];
    const counts: Uint8Array[] = [];
    const wides: Map<number, Uint32Array>[] = [];
    const postings: Uint32Array[] = [];
    const keys = new Uint32Array(count);
    const byTopKeys = new Uint32Array(count);
    const byTopSlots = new Uint32Array(count);
    const top = new Uint32Array(TOP_BUCKETS + 1);
    const off = new Uint32Array(2 ** Math.max(...split.widths) + 1);
    for (let t = 0; t < split.count; t++) {
      const width = split.widths[t];
      const post = new Uint32Array(count);
      extractColumn(words, count, split.starts[t], width, keys);
      partitionByTop(keys, count, width, top, byTopKeys, byTopSlots);
      sortWithinTop(top, width, byTopKeys, byTopSlots, off, post);
      off[1 << width] = count;
      const base = new Uint32Array(1 << (width - BLOCK_BITS));
      const size = new Uint8Array(1 << width);
      const wide = new Map<number, Uint32Array>();
      for (let b = 0; b < base.length; b++) {
        const first = b << BLOCK_BITS;
        base[b] = off[first];
        let isWide = false;
        for (let v = first; v < first + BLOCK; v++) {
          const n = off[v + 1] - off[v];
          size[v] = Math.min(n, MAX_COUNT);
          isWide ||= n >= MAX_COUNT;
        }
        if (isWide) {
          base[b] |= WIDE;
          wide.set(b, off.slice(first, first + BLOCK + 1));
        }
      }
      bases.push(base);
      counts.push(size);
      wides.push(wide);
      postings.push(post);
    }
    return new MihTables(split, count, bases, counts, wides, postings);
  }

  /**
   * Phase 1 of a probe: for each mask, the bounds of bucket (word ^ mask) of table t
   * as bounds[2i], bounds[2i + 1] (positions in postings[t]). A branch-light loop of
   * independent loads, so the CPU overlaps the cache misses.
   */
  bucketBounds(t: number, word: number, masks: Uint32Array, bounds: Uint32Array): void {
    const base = this.bases[t];
    const size = this.counts[t];
    for (let i = 0, j = 0; i < masks.length; i++, j += 2) {
      const v = word ^ masks[i];
      const block = v >>> BLOCK_BITS;
      let start = base[block];
      if (start < WIDE) {
        for (let u = block << BLOCK_BITS; u < v; u++) start += size[u];
        bounds[j] = start;
        bounds[j + 1] = start + size[v];
      } else {
        const exact = this.wide[t].get(block)!;
        bounds[j] = exact[v & (BLOCK - 1)];
        bounds[j + 1] = exact[(v & (BLOCK - 1)) + 1];
      }
    }
  }

  memoryBytes(): number {
    let bytes = 0;
    for (let t = 0; t < this.split.count; t++) {
      bytes += this.bases[t].byteLength + this.counts[t].byteLength + this.postings[t].byteLength + this.wide[t].size * 17 * 4;
    }
    return bytes;
  }
}

/**
 * Default word count: the longest words (fewest tables) whose offsets,
 * 1.25 · Σ 2^width bytes, fit in `offsetBytesPerHash` × count (at least 64 KiB).
 * Longer words mean fewer candidates to verify, which dominates at scale; the budget
 * keeps the fixed 2^width cost in proportion. With the default 16 bytes a hash:
 * 11 words (23–24 bits, 14.7 B/hash of offsets at 10M) from ~9.2M hashes, 12 from
 * ~2.6M, 13 from ~0.91M, 14 from ~0.37M, 16 from ~83K, up to 24 short words for tiny
 * indexes. Measurements behind the choice: src/index/README.md.
 */
export function defaultWordCount(count: number, offsetBytesPerHash = 16): number {
  const budget = Math.max(64 * 1024, offsetBytesPerHash * count);
  for (let m = MIN_WORDS; m < MAX_WORDS; m++) if (MihTables.offsetBytes(splitWords(m)) <= budget) return m;
  return MAX_WORDS;
}

/**
 * Cache-conscious counting sort, step 1 (counting straight into 2^22 buckets missed
 * cache on every entry, ~75 ns each): partition (key, slot) by the top 8 bits, 256
 * output streams. Leaves top[b] at the end of partition b.
 */
function partitionByTop(keys: Uint32Array, count: number, width: number, top: Uint32Array, outKeys: Uint32Array, outSlots: Uint32Array): void {
  const lowBits = width - TOP_BITS;
  top.fill(0);
  for (let s = 0; s < count; s++) top[(keys[s] >>> lowBits) + 1]++;
  for (let b = 1; b <= TOP_BUCKETS; b++) top[b] += top[b - 1];
  for (let s = 0; s < count; s++) {
    const at = top[keys[s] >>> lowBits]++;
    outKeys[at] = keys[s];
    outSlots[at] = s;
  }
}

/** Step 2: sort each partition (~40K entries at 10M, cache-sized) by its low bits into `post`, filling `off`. */
function sortWithinTop(top: Uint32Array, width: number, keys: Uint32Array, slots: Uint32Array, off: Uint32Array, post: Uint32Array): void {
  const lowBits = width - TOP_BITS;
  let from = 0;
  for (let b = 0; b < TOP_BUCKETS; b++) {
    const to = top[b];
    const first = b << lowBits;
    const last = first + (1 << lowBits);
    off.fill(0, first, last);
    for (let i = from; i < to; i++) off[keys[i]]++;
    // Bucket ends, then fill each bucket from its end: off[v] ends at its start.
    let sum = from;
    for (let v = first; v < last; v++) off[v] = sum += off[v];
    for (let i = to - 1; i >= from; i--) post[--off[keys[i]]] = slots[i];
    from = to;
  }
}
