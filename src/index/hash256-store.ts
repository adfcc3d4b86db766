import { HASH256_WORDS } from './hash256.js';
import { Hash256Kernel } from './hash256-kernel.js';
import { assertIndexId } from './index-ids.js';
import { sortedPermutation } from './radix-sort.js';

// A JS Map holds at most 2^24 entries; compact before the tail gets near that.
const MAX_TAIL = 1 << 22;

/**
 * A flat, growable array of 256-bit hashes with the caller's uint32 ids, in two parts:
 *
 *   slots [0, sortedCount)      the base: sorted by id (so id → slot is a binary
 *                               search, no map), removals leave tombstones (1 bit a slot)
 *   slots [sortedCount, count)  the tail: appended by `add`, id → slot in a Map,
 *                               removals swap the last tail slot in
 *
 * `compact()` drops tombstones and merges the tail into the base, in place. Base slots
 * never move except in `compact()` and `load()`, so structures built over the base
 * (multi-index tables) stay valid until then. Hash words live in `kernel.words`
 * (WebAssembly memory, 32 bytes a slot), ids in a Uint32Array (4 bytes a slot).
 *
 * @example
 *   const store = new Hash256Store();
 *   store.add(7, words, 0);
 *   store.slotOf(7);          // 0
 *   store.remove(7);          // true
 */
export class Hash256Store {
  readonly kernel: Hash256Kernel;
  /** ids[slot]. Replaced when the store grows. */
  ids: Uint32Array;
  private slots = 0;
  private sorted = 0;
  private deadSlots = 0;
  private dead: Uint32Array;
  private readonly tail = new Map<number, number>();

  constructor(capacity = 1024) {
    this.kernel = new Hash256Kernel(capacity);
    this.ids = new Uint32Array(this.kernel.capacity);
    this.dead = new Uint32Array(Math.ceil(this.kernel.capacity / 32));
  }

  /** Slots in use, live or tombstoned: [0, count). */
  get count(): number {
    return this.slots;
  }

  /** Slots in the id-sorted base: [0, sortedCount). */
  get sortedCount(): number {
    return this.sorted;
  }

  /** Tombstoned base slots. */
  get deadCount(): number {
    return this.deadSlots;
  }

  /** Live entries. */
  get size(): number {
    return this.count - this.deadCount;
  }

  get tailCount(): number {
    return this.count - this.sortedCount;
  }

  /** True when compaction is due even if no caller asks: the tail's map is near its limit. */
  get tailFull(): boolean {
    return this.tailCount >= MAX_TAIL;
  }

  isDead(slot: number): boolean {
    return (this.dead[slot >>> 5] & (1 << (slot & 31))) !== 0;
  }

  /** The live slot holding `id`, or -1. */
  slotOf(id: number): number {
    const inTail = this.tail.get(id);
    if (inTail !== undefined) return inTail;
    const ids = this.ids;
    let lo = 0;
    let hi = this.sortedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sortedCount && ids[lo] === id && !this.isDead(lo) ? lo : -1;
  }

  /** Adds or replaces `id` with the hash at `words[offset..offset+8)`; returns its slot (in the tail). */
  add(id: number, words: Uint32Array, offset: number): number {
    assertIndexId(id);
    this.remove(id);
    this.reserve(this.count + 1);
    const slot = this.slots++;
    copyHash(words, offset, this.kernel.words, slot * HASH256_WORDS);
    this.ids[slot] = id;
    this.tail.set(id, slot);
    return slot;
  }

  remove(id: number): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    if (slot < this.sortedCount) {
      this.dead[slot >>> 5] |= 1 << (slot & 31);
      this.deadSlots++;
      return true;
    }
    this.tail.delete(id);
    const last = --this.slots;
    if (slot !== last) {
      const w = this.kernel.words;
      copyHash(w, last * HASH256_WORDS, w, slot * HASH256_WORDS);
      this.ids[slot] = this.ids[last];
      this.tail.set(this.ids[slot], slot);
    }
    return true;
  }

  /** Replaces the contents with `count` hashes (8 words each) and ids; a repeated id keeps its last hash. */
  load(words: Uint32Array, ids: Uint32Array, count: number): void {
    for (let i = 0; i < count; i++) assertIndexId(ids[i]);
    this.reserve(count);
    const out = this.kernel.words;
    let n = 0;
    if (isStrictlyIncreasing(ids, count)) {
      out.set(words.subarray(0, count * HASH256_WORDS));
      this.ids.set(ids.subarray(0, count));
      n = count;
    } else {
      const perm = sortedPermutation(ids, count);
      for (let k = 0; k < count; k++) {
        const p = perm[k];
        if (k + 1 < count && ids[perm[k + 1]] === ids[p]) continue; // a later duplicate wins
        copyHash(words, p * HASH256_WORDS, out, n * HASH256_WORDS);
        this.ids[n++] = ids[p];
      }
    }
    this.slots = this.sorted = n;
    this.deadSlots = 0;
    this.dead.fill(0);
    this.tail.clear();
  }

  /** Drops tombstones and merges the tail into the sorted base. Every slot may move. */
  compact(): void {
    const w = this.kernel.words;
    const ids = this.ids;
    // 1. Squeeze tombstones out of the base (moves slots down: safe front to back).
    let live = 0;
    for (let s = 0; s < this.sortedCount; s++) {
      if (this.isDead(s)) continue;
      if (s !== live) {
        copyHash(w, s * HASH256_WORDS, w, live * HASH256_WORDS);
        ids[live] = ids[s];
      }
      live++;
    }
    // 2. Sort the tail aside, then merge from the back (the write position never passes the read position).
    const t = this.tailCount;
    const tailIds = ids.slice(this.sortedCount, this.count);
    const tailWords = w.slice(this.sortedCount * HASH256_WORDS, this.count * HASH256_WORDS);
    const perm = sortedPermutation(tailIds, t);
    let i = live - 1;
    let j = t - 1;
    for (let k = live + t - 1; j >= 0; k--) {
      if (i >= 0 && ids[i] > tailIds[perm[j]]) {
        copyHash(w, i * HASH256_WORDS, w, k * HASH256_WORDS);
        ids[k] = ids[i--];
      } else {
        const p = perm[j--];
        copyHash(tailWords, p * HASH256_WORDS, w, k * HASH256_WORDS);
        ids[k] = tailIds[p];
      }
    }
    this.slots = this.sorted = live + t;
    this.deadSlots = 0;
    this.dead.fill(0);
    this.tail.clear();
  }

  /** Bytes held: the WebAssembly memory (hashes + 192 KiB scratch), ids, tombstones, the tail map (~40 B an entry). */
  memoryBytes(): number {
    return this.kernel.byteLength + this.ids.byteLength + this.dead.byteLength + this.tail.size * 40;
  }

  private reserve(count: number): void {
    if (count <= this.kernel.capacity) return;
    this.kernel.ensureCapacity(count);
    const ids = new Uint32Array(this.kernel.capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.ids = ids;
    const dead = new Uint32Array(Math.ceil(this.kernel.capacity / 32));
    dead.set(this.dead);
    this.dead = dead;
  }
}

function copyHash(src: Uint32Array, from: number, dst: Uint32Array, to: number): void {
  for (let i = 0; i < HASH256_WORDS; i++) dst[to + i] = src[from + i];
}

function isStrictlyIncreasing(ids: Uint32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (ids[i - 1] >= ids[i]) return false;
  return true;
}
