import { boxFilterLine, windowSize } from './pdq-box-filter.js';
import { sampleIndexes } from './pdq-decimate.js';

/**
 * The spec's Jarosz downsampling written as literally as possible: whole-plane passes
 * of the 1-D filter along every row, then every column, twice, then decimation. Slow;
 * the fast streaming version is tested against it.
 *
 * @example
 *   const expected = new Float32Array(64 * 64);
 *   jaroszReference(luma, rows, cols, expected);
 */
export function jaroszReference(luma: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const wx = windowSize(cols);
  const wy = windowSize(rows);
  const a = Float32Array.from(luma.subarray(0, rows * cols));
  const b = new Float32Array(rows * cols);
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < rows; r++) boxFilterLine(a, r * cols, b, r * cols, cols, 1, wx);
    for (let c = 0; c < cols; c++) boxFilterLine(b, c, a, c, rows, cols, wy);
  }
  const rowIndex = sampleIndexes(rows);
  const colIndex = sampleIndexes(cols);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) out[i * 64 + j] = a[rowIndex[i] * cols + colIndex[j]];
  }
}
