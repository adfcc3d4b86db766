import { assertIndexId, compareHits } from './index-ids.js';
import type { IndexHit, SignalIndex } from './signal-index.js';

/**
 * The brute-force `SignalIndex` any signal type can use: compares the query with
 * every stored value through the type's `distance`. The reference every fast index
 * is tested against, and fine for small lists.
 *
 * @example
 *   const index = new LinearSignalIndex(pdq.distance);
 *   index.add(7, 'f8f8…');
 *   index.search('f8f8…', 31);   // [{ id: 7, distance: 0 }]
 */
export class LinearSignalIndex implements SignalIndex {
  private readonly entries = new Map<number, string>();

  constructor(private readonly distance: (a: string, b: string) => number) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    this.entries.set(id, value);
  }

  remove(id: number): boolean {
    return this.entries.delete(id);
  }

  search(value: string, maxDistance: number): IndexHit[] {
    const hits: IndexHit[] = [];
    for (const [id, stored] of this.entries) {
      const distance = this.distance(value, stored);
      if (distance <= maxDistance) hits.push({ id, distance });
    }
    return hits.sort(compareHits);
  }

  /** Rough: a Map entry (~40 bytes) plus the string (~24 bytes + 1 a character). */
  memoryBytes(): number {
    let bytes = 0;
    for (const value of this.entries.values()) bytes += 64 + value.length;
    return bytes;
  }
}
