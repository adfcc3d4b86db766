import type { DecodedImage } from '../../media/decoded-image.js';

/** Longest side of the working plane: enough detail for 64×64 window hashes of a quarter of the image. */
export const PLANE_MAX_SIDE = 384;

/**
 * The luma of an image, area-averaged down to at most `PLANE_MAX_SIDE` on its longer
 * side, with a summed-area table so any window averages to 64×64 in constant time
 * per cell. Every region and window hash reads this one plane: the image is decoded
 * and reduced once however many windows are hashed.
 */
export interface LumaPlane {
  readonly width: number;
  readonly height: number;
  /** Luma 0–255, row-major. */
  readonly data: Float32Array;
  /** (width + 1) × (height + 1) summed-area table of `data`. */
  readonly integral: Float64Array;
}

/**
 * Reduces decoded pixels to a luma plane (PDQ's weights 0.299, 0.587, 0.114).
 *
 * @example
 *   const plane = lumaPlane(await decoder.decode(bytes, limits));
 */
export function lumaPlane(image: DecodedImage, maxSide = PLANE_MAX_SIDE): LumaPlane {
  const { width: w, height: h, channels, data } = image;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const pw = Math.max(1, Math.round(w * scale));
  const ph = Math.max(1, Math.round(h * scale));
  // Reading every pixel of a large photo costs more than all the hashing after it; a cell
  // two or more pixels wide is averaged from a regular subsample (every `step`-th pixel
  // each way), still several pixels a cell, so it stays a low-pass of the image.
  const step = Math.max(1, Math.floor(1 / scale / 1.25));
  const sums = new Float64Array(pw * ph);
  const colOf = new Int32Array(w);
  const colCount = new Uint32Array(pw);
  for (let x = 0; x < w; x += step) {
    const c = Math.min(pw - 1, Math.floor((x * pw) / w));
    colOf[x] = c;
    colCount[c]++;
  }
  const rowCount = new Uint32Array(ph);
  const rowSums = new Int32Array(pw);
  const grey = channels < 3;
  for (let y = 0; y < h; y += step) {
    rowSums.fill(0);
    const stride = channels * step;
    let s = y * w * channels;
    // Integer luma × 1000 (PDQ's weights): exact sums, faster than floats.
    for (let x = 0; x < w; x += step, s += stride) rowSums[colOf[x]!] += grey ? 1000 * data[s]! : 299 * data[s]! + 587 * data[s + 1]! + 114 * data[s + 2]!;
    const r = Math.min(ph - 1, Math.floor((y * ph) / h));
    rowCount[r]++;
    const row = r * pw;
    for (let c = 0; c < pw; c++) sums[row + c] += rowSums[c]!;
  }
  const out = new Float32Array(pw * ph);
  for (let r = 0; r < ph; r++) for (let c = 0; c < pw; c++) out[r * pw + c] = sums[r * pw + c]! / (1000 * Math.max(1, rowCount[r]! * colCount[c]!));
  return { width: pw, height: ph, data: out, integral: summedArea(out, pw, ph) };
}

/** The (w + 1) × (h + 1) summed-area table of a plane's luma, written into `table` when one is given. */
export function summedArea(data: Float32Array, w: number, h: number, table: Float64Array = new Float64Array((w + 1) * (h + 1))): Float64Array {
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run += data[y * w + x]!;
      table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1]! + run;
    }
  }
  return table;
}

/** A rectangle on the plane, in plane pixels: [x0, x1) × [y0, y1). */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Mean luma over the integer cells [x0, x1) × [y0, y1) of the plane. */
export function meanOver(plane: LumaPlane, x0: number, y0: number, x1: number, y1: number): number {
  const W = plane.width + 1;
  const t = plane.integral;
  const sum = t[y1 * W + x1]! - t[y0 * W + x1]! - t[y1 * W + x0]! + t[y0 * W + x0]!;
  return sum / ((x1 - x0) * (y1 - y0));
}

/**
 * Averages a rectangle of the plane into the 64×64 buffer PDQ's DCT reads. Cell
 * boundaries round to whole plane pixels; a cell is never empty.
 */
export function windowTo64(plane: LumaPlane, rect: Rect, out: Float32Array): void {
  const [xa, xb] = cells(rect.x0, rect.x1, plane.width);
  const [ya, yb] = cells(rect.y0, rect.y1, plane.height);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) out[i * 64 + j] = meanOver(plane, xa[j]!, ya[i]!, xb[j]!, yb[i]!);
  }
}

/** Start and end of each of 64 cells over [from, to); a window under 64 pixels repeats pixels. */
function cells(from: number, to: number, limit: number): [Int32Array, Int32Array] {
  const start = new Int32Array(64);
  const end = new Int32Array(64);
  for (let k = 0; k < 64; k++) {
    const a = Math.min(limit - 1, Math.max(0, Math.round(from + ((to - from) * k) / 64)));
    start[k] = a;
    end[k] = Math.min(limit, Math.max(a + 1, Math.round(from + ((to - from) * (k + 1)) / 64)));
  }
  return [start, end];
}
