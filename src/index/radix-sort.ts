/**
 * Stable LSD radix sort of uint32 keys, returning the permutation instead of moving
 * the keys: `perm[k]` is the index of the k-th smallest key; equal keys keep their
 * input order (so "the last one wins" stays well defined for duplicate ids).
 *
 * @example
 *   sortedPermutation(Uint32Array.of(30, 10, 20), 3);   // Uint32Array [1, 2, 0]
 */
export function sortedPermutation(keys: Uint32Array, count: number): Uint32Array {
  let perm = new Uint32Array(count);
  for (let i = 0; i < count; i++) perm[i] = i;
  if (isSorted(keys, count)) return perm;
  let next = new Uint32Array(count);
  const counts = new Uint32Array(65536 + 1);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 1; b <= 65536; b++) counts[b] += counts[b - 1];
    for (let i = 0; i < count; i++) {
      const p = perm[i];
      next[counts[(keys[p] >>> shift) & 0xffff]++] = p;
    }
    [perm, next] = [next, perm];
  }
  return perm;
}

function isSorted(keys: Uint32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
