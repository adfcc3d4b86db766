/** One index result: the entry's id and its distance from the query. */
export interface IndexHit {
  readonly id: number;
  readonly distance: number;
  /** How the entry matched, for indexes that compare several parts of a value (`window:centre-0.75`). */
  readonly variant?: string;
}

/**
 * A match structure over validated signal values of one type. Ids are the caller's
 * (for example a store's row id): unsigned 32-bit integers. Indexes accept adds and
 * removals after they are built, and every implementation is tested against a
 * linear scan of the type's brute-force distance.
 *
 * @example
 *   const index = pdq.createIndex();
 *   index.add(7, 'f8f8f0ce…');
 *   index.search('f8f8f0cf…', 31);   // [{ id: 7, distance: 1 }]
 */
export interface SignalIndex {
  /** Adds an entry. Adding an id that is present replaces its value. */
  add(id: number, value: string): void;
  /**
   * Optional: adds many entries at once. Far faster than `add` one by one for building
   * an index at start-up; same result.
   */
  addMany?(entries: readonly (readonly [number, string])[]): void;
  /** Removes an entry; false when the id was not present. */
  remove(id: number): boolean;
  /**
   * Every entry within `maxDistance` of `value` (inclusive), nearest first. `alternate`
   * names the query's alternate that `value` is (`dihedral:mirror`), absent for the query's
   * own value: a type that weighs evidence by how it was found reads it (pdq_multi counts a
   * band found through an alternate only up to a tighter limit); the others ignore it.
   */
  search(value: string, maxDistance: number, alternate?: string): IndexHit[];
  /** Number of entries. */
  readonly size: number;
  /** Approximate heap bytes held, for metrics and the bytes-per-entry figure. */
  memoryBytes(): number;
}
