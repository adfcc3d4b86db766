/**
 * From 16×16 DCT coefficients to the 256-bit hash (spec §5): a bit is set where the
 * coefficient is strictly above the lower median.
 */

const sorted = new Float32Array(256);

/** Element 127 of the 256 values sorted ascending. */
export function lowerMedian(values: Float32Array): number {
  sorted.set(values.subarray(0, 256));
  sorted.sort();
  return sorted[127];
}

/**
 * The hash as 64 lowercase hex digits: words w15 … w0, word i = row i, bit j = column j.
 *
 * @example
 *   hashHex(coefficients); // 'f8f8f0ce…' (64 characters)
 */
export function hashHex(coefficients: Float32Array): string {
  const threshold = lowerMedian(coefficients);
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (coefficients[i * 16 + j] > threshold) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}

/** The all-zero hash PDQ gives images under 5 pixels on a side. */
export const ZERO_HASH = '0'.repeat(64);
