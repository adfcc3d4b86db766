/**
 * The rows or columns decimation keeps (spec §2): floor((i + 0.5) · n / 64) for
 * i = 0 … 63, in double as the spec says.
 *
 * @example
 *   sampleIndexes(1004)[0]; // 7
 */
export function sampleIndexes(n: number): Int32Array {
  const index = new Int32Array(64);
  for (let i = 0; i < 64; i++) index[i] = Math.floor(((i + 0.5) * n) / 64);
  return index;
}
