import { ExactIndex } from './exact-index.js';
import { assertIndexId } from './index-ids.js';
import type { IndexHit, SignalIndex } from './signal-index.js';

// Hex digests of 8..128 digits in whole 32-bit words (md5 32, sha1 40, sha256 64).
const DIGEST = /^(?:[0-9a-fA-F]{8}){1,16}$/;

/**
 * `SignalIndex` for exact matches (md5, sha256, or any string): distance 0 when
 * equal, and nothing else matches. Hex digests go into a compact `ExactIndex` per
 * digest length (36 bytes a slot for md5, 52 for sha256, plus growth slack); other
 * strings into a Map. Any maxDistance ≥ 0 finds the equal entries (types using this
 * declare maxDistance 0).
 *
 * @example
 *   const index = new ExactSignalIndex();
 *   index.add(7, 'd41d8cd98f00b204e9800998ecf8427e');
 *   index.search('d41d8cd98f00b204e9800998ecf8427e', 0);   // [{ id: 7, distance: 0 }]
 */
export class ExactSignalIndex implements SignalIndex {
  private readonly digests = new Map<number, ExactIndex>();
  private readonly strings = new Map<string, Set<number>>();
  private readonly stringOf = new Map<number, string>();
  private readonly key = new Uint32Array(16);

  get size(): number {
    let n = this.stringOf.size;
    for (const index of this.digests.values()) n += index.size;
    return n;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    this.remove(id);
    if (DIGEST.test(value)) {
      let index = this.digests.get(value.length);
      if (!index) this.digests.set(value.length, (index = new ExactIndex(value.length / 8)));
      index.add(id, this.parse(value), 0);
      return;
    }
    let ids = this.strings.get(value);
    if (!ids) this.strings.set(value, (ids = new Set()));
    ids.add(id);
    this.stringOf.set(id, value);
  }

  remove(id: number): boolean {
    for (const index of this.digests.values()) if (index.remove(id)) return true;
    const value = this.stringOf.get(id);
    if (value === undefined) return false;
    this.stringOf.delete(id);
    const ids = this.strings.get(value)!;
    ids.delete(id);
    if (ids.size === 0) this.strings.delete(value);
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    if (!(maxDistance >= 0)) return [];
    let ids: number[];
    if (DIGEST.test(value)) ids = this.digests.get(value.length)?.lookup(this.parse(value), 0) ?? [];
    else ids = [...(this.strings.get(value) ?? [])];
    return ids.sort((a, b) => a - b).map((id) => ({ id, distance: 0 }));
  }

  memoryBytes(): number {
    let bytes = 0;
    for (const index of this.digests.values()) bytes += index.memoryBytes();
    for (const value of this.stringOf.values()) bytes += 120 + value.length;
    return bytes;
  }

  /** Hex digits into big-endian uint32 words (case-insensitive; the value is already checked). */
  private parse(hex: string): Uint32Array {
    for (let w = 0; w < hex.length / 8; w++) this.key[w] = Number.parseInt(hex.slice(8 * w, 8 * w + 8), 16);
    return this.key;
  }
}
