import { halfWindow, reciprocals, windowSize } from './pdq-box-filter.js';
import { Scratch } from './pdq-scratch.js';

const scratch = new Scratch();

/**
 * Jarosz downsampling (spec §2): two passes of the box filter over rows then columns,
 * then decimation to 64×64. Writes the 64×64 buffer (row-major) into `out`.
 * `luma` is used as scratch and is overwritten.
 *
 * Only what decimation reads is divided out in the second pass: its row filter keeps
 * the full running sum (every add and subtract rounds, so none can be skipped) but
 * emits the 64 sampled columns, and its column filter then runs on 64 columns only.
 *
 * @example
 *   const buf = new Float32Array(64 * 64);
 *   jaroszDownsample(luma, rows, cols, buf);
 */
export function jaroszDownsample(luma: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const wx = windowSize(cols);
  const wy = windowSize(rows);
  const colIndex = sampleIndexes(cols);
  const rowIndex = sampleIndexes(rows);
  const a = scratch.float32('jarosz.a', rows * cols);
  const sums = scratch.float32('jarosz.sums', cols);
  const sampled = scratch.float32('jarosz.sampled', rows * 64);
  const sampledCols = scratch.float32('jarosz.sampledCols', rows * 64);

  filterRows(luma, a, rows, cols, wx);
  filterColumns(a, luma, rows, cols, wy, sums);
  filterRowsSampled(luma, sampled, rows, cols, wx, colIndex, a);
  filterColumns(sampled, sampledCols, rows, 64, wy, sums);
  for (let i = 0; i < 64; i++) {
    out.set(sampledCols.subarray(rowIndex[i] * 64, rowIndex[i] * 64 + 64), i * 64);
  }
}

/** floor((i + 0.5) * n / 64) for i = 0 … 63, in double as the spec says. */
export function sampleIndexes(n: number): Int32Array {
  const index = new Int32Array(64);
  for (let i = 0; i < 64; i++) index[i] = Math.floor(((i + 0.5) * n) / 64);
  return index;
}

/** Box-filters every row of `src` (rows × cols) into `dst`. */
export function filterRows(src: Float32Array, dst: Float32Array, rows: number, cols: number, w: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += cols) filterRow(src, o, dst, o, cols, w);
}

/**
 * Box-filters the rows, emitting only the 64 sampled columns into `dst` (rows × 64).
 * `line` is scratch for one full filtered row.
 */
function filterRowsSampled(
  src: Float32Array, dst: Float32Array, rows: number, cols: number, w: number,
  colIndex: Int32Array, line: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    filterRow(src, r * cols, line, 0, cols, w);
    for (let j = 0, d = r * 64; j < 64; j++) dst[d + j] = line[colIndex[j]];
  }
}

function filterRow(src: Float32Array, s: number, dst: Float32Array, d: number, n: number, w: number): void {
  const recip = reciprocals(w);
  const lead = halfWindow(w) - 1;
  const rw = recip[w];
  let sum = 0;
  let k = 0;
  for (; k < lead; k++) sum = Math.fround(sum + src[s + k]);
  for (; k < w; k++) {
    sum = Math.fround(sum + src[s + k]);
    dst[d + k - lead] = sum * recip[k + 1];
  }
  for (; k < n; k++) {
    sum = Math.fround(Math.fround(sum + src[s + k]) - src[s + k - w]);
    dst[d + k - lead] = sum * rw;
  }
  for (; k < n + lead; k++) {
    sum = Math.fround(sum - src[s + k - w]);
    dst[d + k - lead] = sum * recip[w - (k - n + 1)];
  }
}

/**
 * Box-filters every column of `src` (rows × cols) into `dst`, sweeping rows in order
 * with one running sum per column, so memory is read row-major. `src !== dst`.
 */
export function filterColumns(
  src: Float32Array, dst: Float32Array, rows: number, cols: number, w: number, sums: Float32Array,
): void {
  const recip = reciprocals(w);
  const lead = halfWindow(w) - 1;
  const rw = recip[w];
  sums.fill(0, 0, cols);
  let k = 0;
  for (; k < lead; k++) {
    for (let c = 0, o = k * cols; c < cols; c++) sums[c] = sums[c] + src[o + c];
  }
  for (; k < w; k++) {
    const r = recip[k + 1];
    for (let c = 0, o = k * cols, t = (k - lead) * cols; c < cols; c++) {
      const sum = Math.fround(sums[c] + src[o + c]);
      sums[c] = sum;
      dst[t + c] = sum * r;
    }
  }
  for (; k < rows; k++) {
    for (let c = 0, o = k * cols, old = (k - w) * cols, t = (k - lead) * cols; c < cols; c++) {
      const sum = Math.fround(Math.fround(sums[c] + src[o + c]) - src[old + c]);
      sums[c] = sum;
      dst[t + c] = sum * rw;
    }
  }
  for (; k < rows + lead; k++) {
    const r = recip[w - (k - rows + 1)];
    for (let c = 0, old = (k - w) * cols, t = (k - lead) * cols; c < cols; c++) {
      const sum = Math.fround(sums[c] - src[old + c]);
      sums[c] = sum;
      dst[t + c] = sum * r;
    }
  }
}
