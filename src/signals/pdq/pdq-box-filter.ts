/**
 * PDQ's 1-D box filter (spec §2): a float32 running sum over a window of `w`, output i
 * averaging inputs i-(w-half) … i+half-1 clipped to the line, half = floor((w+2)/2).
 * The rounding of every add and subtract is part of the hash, so the order of
 * operations below is the spec's: add the new sample, then subtract the oldest.
 *
 * Dividing by the count is done as a multiply by the double reciprocal 1/count, then
 * rounded to float32 by the store. That is exact: sum/count for a float32 sum and an
 * integer count < 2^27 is never a float32 rounding midpoint, and lies at least
 * 2^-25/count (relative) away from one, while the double multiply errs by < 2^-52.
 */

/** Window half-width as the spec defines it. */
export function halfWindow(w: number): number {
  return Math.floor((w + 2) / 2);
}

/** The window size for a line of `n` samples: floor((n + 127) / 128). */
export function windowSize(n: number): number {
  return Math.floor((n + 127) / 128);
}

const RECIPROCALS: Float64Array[] = [];

/** recip[c] = 1 / c for c = 0 … w (recip[0] unused). */
export function reciprocals(w: number): Float64Array {
  let table = RECIPROCALS[w];
  if (!table) {
    table = new Float64Array(w + 1);
    for (let c = 1; c <= w; c++) table[c] = 1 / c;
    RECIPROCALS[w] = table;
  }
  return table;
}

/**
 * The spec's four phases, literally, on a strided line. Slow; the reference the fast
 * passes are tested against.
 */
export function boxFilterLine(
  src: Float32Array, srcStart: number, dst: Float32Array, dstStart: number,
  n: number, stride: number, w: number,
): void {
  const half = halfWindow(w);
  let sum = 0;
  let count = 0;
  let next = srcStart;
  let oldest = srcStart;
  let out = dstStart;
  for (let k = 0; k < half - 1; k++) {
    sum = Math.fround(sum + src[next]); next += stride; count++;
  }
  for (let k = 0; k < w - half + 1; k++) {
    sum = Math.fround(sum + src[next]); next += stride; count++;
    dst[out] = sum / count; out += stride;
  }
  for (let k = 0; k < n - w; k++) {
    sum = Math.fround(sum + src[next]); next += stride;
    sum = Math.fround(sum - src[oldest]); oldest += stride;
    dst[out] = sum / w; out += stride;
  }
  for (let k = 0; k < half - 1; k++) {
    sum = Math.fround(sum - src[oldest]); oldest += stride; count--;
    dst[out] = sum / count; out += stride;
  }
}
