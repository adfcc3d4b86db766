const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/**
 * Hamming distance between two equal-length lowercase hex strings, a nibble at a time.
 * Deliberately simple: it is the brute-force reference the fast indexes are checked against.
 */
export function hexHamming(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError(`hex lengths differ: ${a.length} vs ${b.length}`);
  let bits = 0;
  for (let i = 0; i < a.length; i++) bits += NIBBLE_BITS[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return bits;
}
