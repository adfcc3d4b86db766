import { assertIndexId } from './index-ids.js';

const EMPTY = 0; // tables hold slot + 1

/**
 * Exact-match index over fixed-width keys of `keyWords` uint32 words (a 16-byte md5
 * is 4 words, a 32-byte sha256 8), such as cryptographic digests. Several ids may
 * share one key. Keys are hashed with a per-index random seed, because shared hash
 * lists come from outside and anyone can write down colliding "digests".
 *
 * Layout: keys in one Uint32Array (4 · keyWords bytes a slot), ids in another
 * (4 bytes), and two open-addressing tables of slot numbers, by key and by id
 * (linear probing, 2 table entries a slot: 16 bytes). Removal swaps the last slot
 * in. So 36 bytes a slot for md5 and 52 for sha256, up to twice that per entry right
 * after the capacity doubles; a Map of hex strings costs ~200.
 *
 * @example
 *   const index = new ExactIndex(4);
 *   index.add(7, Uint32Array.of(1, 2, 3, 4), 0);
 *   index.lookup(Uint32Array.of(1, 2, 3, 4), 0);   // [7]
 */
export class ExactIndex {
  private keys: Uint32Array;
  private ids: Uint32Array;
  private byKey: Uint32Array;
  private byId: Uint32Array;
  private count = 0;
  private readonly seed = (Math.random() * 2 ** 32) >>> 0;

  constructor(readonly keyWords: number, capacity = 16) {
    this.keys = new Uint32Array(capacity * keyWords);
    this.ids = new Uint32Array(capacity);
    this.byKey = new Uint32Array(tableSizeFor(capacity));
    this.byId = new Uint32Array(this.byKey.length);
  }

  get size(): number {
    return this.count;
  }

  /** Adds or replaces `id` with the key at `key[offset..offset+keyWords)`. */
  add(id: number, key: Uint32Array, offset: number): void {
    assertIndexId(id);
    this.remove(id);
    if (this.count === this.ids.length) this.grow();
    const slot = this.count++;
    for (let i = 0; i < this.keyWords; i++) this.keys[slot * this.keyWords + i] = key[offset + i];
    this.ids[slot] = id;
    this.insert(this.byKey, this.keyHash(slot), slot);
    this.insert(this.byId, mix(id), slot);
  }

  remove(id: number): boolean {
    const at = this.findId(id);
    if (at < 0) return false;
    const slot = this.byId[at] - 1;
    this.erase(this.byId, at);
    this.erase(this.byKey, this.findSlotByKey(slot));
    const last = --this.count;
    if (slot !== last) {
      // Move the last slot into the hole and repoint both tables at it.
      this.byKey[this.findSlotByKey(last)] = slot + 1;
      this.byId[this.findId(this.ids[last])] = slot + 1;
      this.keys.copyWithin(slot * this.keyWords, last * this.keyWords, (last + 1) * this.keyWords);
      this.ids[slot] = this.ids[last];
    }
    return true;
  }

  /** Ids whose key equals `key[offset..offset+keyWords)`, in no particular order. */
  lookup(key: Uint32Array, offset: number): number[] {
    const found: number[] = [];
    const mask = this.byKey.length - 1;
    const W = this.keyWords;
    for (let i = this.hashKey(key, offset) & mask; this.byKey[i] !== EMPTY; i = (i + 1) & mask) {
      const slot = this.byKey[i] - 1;
      let equal = true;
      for (let w = 0; w < W && equal; w++) equal = this.keys[slot * W + w] === key[offset + w];
      if (equal) found.push(this.ids[slot]);
    }
    return found;
  }

  memoryBytes(): number {
    return this.keys.byteLength + this.ids.byteLength + this.byKey.byteLength + this.byId.byteLength;
  }

  private keyHash(slot: number): number {
    return this.hashKey(this.keys, slot * this.keyWords);
  }

  private hashKey(key: Uint32Array, offset: number): number {
    let h = this.seed;
    for (let w = 0; w < this.keyWords; w++) h = Math.imul(h ^ key[offset + w], 0x9e3779b1) ^ (h >>> 15);
    return mix(h);
  }

  private findId(id: number): number {
    const mask = this.byId.length - 1;
    for (let i = mix(id) & mask; this.byId[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.ids[this.byId[i] - 1] === id) return i;
    }
    return -1;
  }

  /** The byKey position that points at `slot` (which must be present). */
  private findSlotByKey(slot: number): number {
    const mask = this.byKey.length - 1;
    let i = this.keyHash(slot) & mask;
    while (this.byKey[i] !== slot + 1) i = (i + 1) & mask;
    return i;
  }

  private insert(table: Uint32Array, hash: number, slot: number): void {
    const mask = table.length - 1;
    let i = hash & mask;
    while (table[i] !== EMPTY) i = (i + 1) & mask;
    table[i] = slot + 1;
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private erase(table: Uint32Array, at: number): void {
    const mask = table.length - 1;
    const hashOf = table === this.byKey ? (s: number) => this.keyHash(s) : (s: number) => mix(this.ids[s]);
    let hole = at;
    for (let i = (at + 1) & mask; table[i] !== EMPTY; i = (i + 1) & mask) {
      const home = hashOf(table[i] - 1) & mask;
      // Move entry i into the hole unless its home lies cyclically in (hole, i].
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        table[hole] = table[i];
        hole = i;
      }
    }
    table[hole] = EMPTY;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const keys = new Uint32Array(capacity * this.keyWords);
    keys.set(this.keys);
    this.keys = keys;
    const ids = new Uint32Array(capacity);
    ids.set(this.ids);
    this.ids = ids;
    this.byKey = new Uint32Array(tableSizeFor(capacity));
    this.byId = new Uint32Array(this.byKey.length);
    for (let s = 0; s < this.count; s++) {
      this.insert(this.byKey, this.keyHash(s), s);
      this.insert(this.byId, mix(this.ids[s]), s);
    }
  }
}

/** Power of two ≥ 2 × capacity, so tables stay at most half full. */
const tableSizeFor = (capacity: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, capacity * 2)));

/** Murmur3's 32-bit finaliser: ids are often sequential, and digests may be crafted. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
