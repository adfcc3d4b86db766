/**
 * PDQ's partial DCT (spec §4): frequencies 1 … 16 of the 64×64 buffer, DC skipped.
 * D[i][j] = fr(fr(sqrt(2/64)) * cos((π/2/64)(i+1)(2j+1))), the product in double.
 */
export const DCT_MATRIX: Float32Array = (() => {
  const matrix = new Float32Array(16 * 64);
  const scale = Math.fround(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) matrix[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return matrix;
})();

const partial = new Float32Array(16 * 64);

/**
 * B = D · A · Dᵀ for the 64×64 buffer `a`, into `out` (16×16, row-major). Every dot
 * product is a float32 running sum over k = 0 … 63 in order; the loops are arranged
 * so the inner one runs over independent sums.
 *
 * @example
 *   const coefficients = new Float32Array(256);
 *   dct16(buf64, coefficients);
 */
export function dct16(a: Float32Array, out: Float32Array): void {
  const d = DCT_MATRIX;
  const t = partial;
  t.fill(0);
  for (let i = 0; i < 16; i++) {
    const row = i * 64;
    for (let k = 0; k < 64; k++) {
      const dik = d[row + k];
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[row + j] = t[row + j] + Math.fround(dik * a[ak + j]);
    }
  }
  out.fill(0, 0, 256);
  for (let i = 0; i < 16; i++) {
    for (let k = 0; k < 64; k++) {
      const tik = t[i * 64 + k];
      for (let j = 0; j < 16; j++) out[i * 16 + j] = out[i * 16 + j] + Math.fround(tik * d[j * 64 + k]);
    }
  }
}
