import type { IndexHit } from './signal-index.js';

/**
 * An index over 256-bit hashes held as 8 uint32 words (see hash256.ts), with the
 * caller's uint32 ids. `LinearScanIndex` is the reference; `MihIndex` the fast one.
 * Results hold every entry within `maxDistance` (inclusive), nearest first, then by id.
 *
 * @example
 *   const index = MihIndex.build(words, ids, ids.length);
 *   index.search(query, 0, 31);   // [{ id: 7, distance: 3 }, …]
 */
export interface Hash256Index {
  readonly size: number;
  /** Adds or replaces `id` with the hash at `words[offset..offset+8)`. */
  add(id: number, words: Uint32Array, offset?: number): void;
  /** False when `id` was not present. */
  remove(id: number): boolean;
  search(query: Uint32Array, offset: number, maxDistance: number): IndexHit[];
  /** Folds pending adds and removals into the compact structure (also done automatically). */
  compact(): void;
  /** Bytes held by the structure's arrays. */
  memoryBytes(): number;
}

/** Query distances as the kernel wants them: an integer in [-1, 256]; -1 means no hits. */
export function clampDistance(maxDistance: number): number {
  if (!(maxDistance >= 0)) return -1;
  return Math.min(256, Math.floor(maxDistance));
}
