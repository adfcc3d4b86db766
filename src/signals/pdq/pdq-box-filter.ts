/**
 * PDQ's 1-D box filter (spec §2): a float32 running sum over a window of `w`, output i
 * averaging inputs i-(w-half) … i+half-1 clipped to the line, half = floor((w+2)/2).
 * The rounding of every add and subtract is part of the hash, so the order of
 * operations is the spec's: add the new sample, then subtract the oldest.
 */

/** Window half-width as the spec defines it. */
export function halfWindow(w: number): number {
  return Math.floor((w + 2) / 2);
}

/** The window size for a line of `n` samples: floor((n + 127) / 128). */
export function windowSize(n: number): number {
  return Math.floor((n + 127) / 128);
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
