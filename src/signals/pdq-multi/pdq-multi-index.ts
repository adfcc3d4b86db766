import { Hash256SignalIndex, type Hash256SignalIndexOptions } from '../../index/hash256-signal-index.js';
import { compareHits } from '../../index/index-ids.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { compared, pairVariant, roleOf, SLOTS, type Role, type Slot } from './pdq-multi-slots.js';
import { parseMultiValue, type MultiValue } from './pdq-multi-value.js';

const ROLES: readonly Role[] = ['anchor', 'band', 'window'];

/**
 * For each query slot, the roles of the known slots it is compared with (compared() in
 * pdq-multi-slots.ts depends on the roles alone): a window only with anchors, a band only
 * with bands, an anchor with anchors and windows.
 */
const SEARCHED = new Map<Slot, readonly Role[]>(SLOTS.map((q) => [q, ROLES.filter((role) => SLOTS.some((k) => roleOf(k) === role && compared(q, k)))]));

/**
 * The `pdq_multi` index: every slot hash of every signal in a 256-bit index
 * (multi-index hashing), each under a key of its own that maps back to the signal's id
 * and slot. Keys are kept in three indexes by the role of their slot (anchors, bands,
 * windows), so a query slot searches only the keys it is compared with: the windows,
 * most of the keys, are searched only by the query's anchors. A search looks each query
 * slot up once and keeps, per id, the nearest hit among the slot pairs that are compared
 * (pdq-multi-slots.ts), with how it matched; hits are taken in the order one index over
 * every key would give (distance, then key), so ties resolve the same way.
 *
 * @example
 *   const index = new PdqMultiIndex();
 *   index.add(7, 'f:….c75:…');
 *   index.search(cropOfSeven, 24); // [{ id: 7, distance: 9, variant: 'window:centre-0.75' }]
 */
export class PdqMultiIndex implements SignalIndex {
  private readonly parts: Readonly<Record<Role, Hash256SignalIndex>>;
  /** id → its first key; an id's keys are consecutive, one per slot it has. */
  private readonly firstKey = new Map<number, number>();
  private keyId = new Uint32Array(1024);
  private keySlot = new Uint8Array(1024);
  private keyCount = new Uint8Array(1024);
  private nextKey = 0;

  constructor(options: Hash256SignalIndexOptions = {}) {
    this.parts = { anchor: new Hash256SignalIndex(options), band: new Hash256SignalIndex(options), window: new Hash256SignalIndex(options) };
  }

  get size(): number {
    return this.firstKey.size;
  }

  add(id: number, value: string): void {
    this.remove(id);
    for (const [key, hash] of this.allocate(id, slots(value))) this.partOf(key).add(key, hash);
  }

  addMany(entries: readonly (readonly [number, string])[]): void {
    const lists: Record<Role, [number, string][]> = { anchor: [], band: [], window: [] };
    for (const [id, value] of entries) {
      this.remove(id);
      for (const entry of this.allocate(id, slots(value))) lists[this.roleOfKey(entry[0])].push(entry);
    }
    for (const role of ROLES) if (lists[role].length > 0) this.parts[role].addMany(lists[role]);
  }

  remove(id: number): boolean {
    const first = this.firstKey.get(id);
    if (first === undefined) return false;
    for (let k = first; k < first + this.keyCount[first]!; k++) this.partOf(k).remove(k);
    this.firstKey.delete(id);
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    const best = new Map<number, IndexHit>();
    for (const [q, hash] of slots(value)) {
      const roles = SEARCHED.get(q)!;
      let hits = this.parts[roles[0]!].search(hash, maxDistance);
      for (let r = 1; r < roles.length; r++) hits = hits.concat(this.parts[roles[r]!].search(hash, maxDistance));
      if (roles.length > 1) hits.sort(compareHits);
      for (const hit of hits) {
        const known = SLOTS[this.keySlot[hit.id]!]!;
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
    return ROLES.reduce((bytes, role) => bytes + this.parts[role].memoryBytes(), 0) + this.keyId.byteLength + this.keySlot.byteLength + this.keyCount.byteLength + this.firstKey.size * 40;
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

  private roleOfKey(key: number): Role {
    return roleOf(SLOTS[this.keySlot[key]!]!);
  }

  private partOf(key: number): Hash256SignalIndex {
    return this.parts[this.roleOfKey(key)];
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
