/**
 * Match counts grouped by their value: signal ids that matched once, twice, … So a flush
 * is one UPDATE per distinct count (nearly all are 1) and chunk of ids, not one per signal.
 */
export function idsByCount(counts: Iterable<readonly [number, number]>): Map<number, number[]> {
  const byCount = new Map<number, number[]>();
  for (const [id, n] of counts) {
    let ids = byCount.get(n);
    if (!ids) byCount.set(n, (ids = []));
    ids.push(id);
  }
  return byCount;
}
