import { extractColumn, type WordSplit } from './mih-word-split.js';

/**
 * The compact multi-index tables over slots [0, count) of a hash array, one per
 * word, in CSR form: the slots whose word t equals v are
 *   postings[t][offsets[t][v] .. offsets[t][v + 1])   (ascending slot order).
 * Memory: 4 bytes a hash per table, plus 4 · (2^width + 1) bytes of offsets per table.
 * Built per table by a two-level counting sort of (word, slot) pairs.
 *
 * @example
 *   const tables = MihTables.build(store.kernel.words, store.count, splitWords(12));
 */
const TOP_BITS = 8;
const TOP_BUCKETS = 1 << TOP_BITS;

export class MihTables {
  private constructor(
    readonly split: WordSplit,
    readonly count: number,
    readonly offsets: Uint32Array[],
    readonly postings: Uint32Array[],
  ) {}

  static build(words: Uint32Array, count: number, split: WordSplit): MihTables {
    const offsets: Uint32Array[] = [];
    const postings: Uint32Array[] = [];
    const keys = new Uint32Array(count);
    const byTopKeys = new Uint32Array(count);
    const byTopSlots = new Uint32Array(count);
    const top = new Uint32Array(TOP_BUCKETS + 1);
    for (let t = 0; t < split.count; t++) {
      const width = split.widths[t];
      const start = split.starts[t];
      extractColumn(words, count, start, width, keys);
      // Cache-conscious counting sort (random increments straight into 2^22 buckets
      // missed cache on every entry, ~75 ns each): first partition by the top 8 bits
      // (256 output streams), then sort each partition (~40K entries at 10M, L2-sized)
      // by its low bits, writing offsets and postings in place.
      const lowBits = width - TOP_BITS;
      top.fill(0);
      for (let s = 0; s < count; s++) top[(keys[s] >>> lowBits) + 1]++;
      for (let b = 1; b <= TOP_BUCKETS; b++) top[b] += top[b - 1];
      for (let s = 0; s < count; s++) {
        const at = top[keys[s] >>> lowBits]++;
        byTopKeys[at] = keys[s];
        byTopSlots[at] = s;
      }
      const off = new Uint32Array((1 << width) + 1);
      const post = new Uint32Array(count);
      let from = 0;
      for (let b = 0; b < TOP_BUCKETS; b++) {
        const to = top[b];
        const base = b << lowBits;
        for (let i = from; i < to; i++) off[byTopKeys[i]]++;
        // Bucket ends, then fill each bucket from its end: off[v] ends at its start.
        let sum = from;
        for (let v = base; v < base + (1 << lowBits); v++) off[v] = sum += off[v];
        for (let i = to - 1; i >= from; i--) post[--off[byTopKeys[i]]] = byTopSlots[i];
        from = to;
      }
      off[1 << width] = count;
      offsets.push(off);
      postings.push(post);
    }
    return new MihTables(split, count, offsets, postings);
  }

  memoryBytes(): number {
    let bytes = 0;
    for (let t = 0; t < this.split.count; t++) bytes += this.offsets[t].byteLength + this.postings[t].byteLength;
    return bytes;
  }
}

