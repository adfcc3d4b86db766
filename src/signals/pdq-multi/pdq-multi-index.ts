import { Hash256SignalIndex, type Hash256SignalIndexOptions } from '../../index/hash256-signal-index.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { compared, pairVariant, SLOTS, type Slot } from './pdq-multi-slots.js';
import { parseMultiValue, type MultiValue } from './pdq-multi-value.js';

/**
 * The `pdq_multi` index: every slot hash of every signal in one 256-bit index
 * (multi-index hashing), each under a key of its own that maps back to the signal's id
 * and slot. A search looks each query slot up once and keeps, per id, the nearest hit
 * among the slot pairs that are compared (pdq-multi-slots.ts), with how it matched.
 *
 * @example
 *   const index = new PdqMultiIndex();
 *   index.add(7, 'f:….c75:…');
 *   index.search(cropOfSeven, 24); // [{ id: 7, distance: 9, variant: 'window:centre-0.75' }]
 */
export class PdqMultiIndex implements SignalIndex {
  private readonly hashes: Hash256SignalIndex;
  /** id → its first key; an id's keys are consecutive, one per slot it has. */
  private readonly firstKey = new Map<number, number>();
  private keyId = new Uint32Array(1024);
  private keySlot = new Uint8Array(1024);
  private keyCount = new Uint8Array(1024);
  private nextKey = 0;

  constructor(options: Hash256SignalIndexOptions = {}) {
    this.hashes = new Hash256SignalIndex(options);
  }

  get size(): number {
    return this.firstKey.size;
  }

  add(id: number, value: string): void {
    this.remove(id);
    for (const [key, hash] of this.allocate(id, slots(value))) this.hashes.add(key, hash);
  }

  addMany(entries: readonly (readonly [number, string])[]): void {
    const list: [number, string][] = [];
    for (const [id, value] of entries) {
      this.remove(id);
      list.push(...this.allocate(id, slots(value)));
    }
    this.hashes.addMany(list);
  }

  remove(id: number): boolean {
    const first = this.firstKey.get(id);
    if (first === undefined) return false;
    for (let k = first; k < first + this.keyCount[first]!; k++) this.hashes.remove(k);
    this.firstKey.delete(id);
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    const best = new Map<number, IndexHit>();
    for (const [q, hash] of slots(value)) {
      for (const hit of this.hashes.search(hash, maxDistance)) {
        const known = SLOTS[this.keySlot[hit.id]!]!;
        if (!compared(q, known)) continue;
        const id = this.keyId[hit.id]!;
        const seen = best.get(id);
        if (seen && (seen.distance < hit.distance || (seen.distance === hit.distance && !seen.variant))) continue;
        const variant = pairVariant(q, known);
        best.set(id, { id, distance: hit.distance, ...(variant ? { variant } : {}) });
      }
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  memoryBytes(): number {
    // The key tables, and about 40 bytes a Map entry for id → first key.
    return this.hashes.memoryBytes() + this.keyId.byteLength + this.keySlot.byteLength + this.keyCount.byteLength + this.firstKey.size * 40;
  }

  private allocate(id: number, value: MultiValue): [number, string][] {
    const first = this.nextKey;
    this.grow(first + value.size);
    const out: [number, string][] = [];
    for (const [slot, hash] of value) {
      const key = this.nextKey++;
      this.keyId[key] = id;
      this.keySlot[key] = SLOTS.indexOf(slot);
      out.push([key, hash]);
    }
    this.keyCount[first] = value.size;
    this.firstKey.set(id, first);
    return out;
  }

  private grow(needed: number): void {
    if (needed <= this.keyId.length) return;
    let size = this.keyId.length;
    while (size < needed) size *= 2;
    const id = new Uint32Array(size);
    id.set(this.keyId);
    const slot = new Uint8Array(size);
    slot.set(this.keySlot);
    const count = new Uint8Array(size);
    count.set(this.keyCount);
    this.keyId = id;
    this.keySlot = slot;
    this.keyCount = count;
  }
}

function slots(value: string): MultiValue {
  const parsed = parseMultiValue(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.slots;
}
