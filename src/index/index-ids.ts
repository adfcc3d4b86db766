import { ConcordError } from '../errors/concord-error.js';
import type { IndexHit } from './signal-index.js';

/** Index ids are the caller's unsigned 32-bit integers. */
export function assertIndexId(id: number): void {
  if (!(Number.isInteger(id) && id >= 0 && id <= 0xffffffff)) {
    throw new ConcordError('INTERNAL', `index ids are unsigned 32-bit integers, got ${id}`);
  }
}

/** Result order for every index: nearest first, then by id. */
export function compareHits(a: IndexHit, b: IndexHit): number {
  return a.distance - b.distance || a.id - b.id;
}
