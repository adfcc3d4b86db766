import type { DecodedImage } from '../../media/decoded-image.js';
import { halfWindow, windowSize } from './pdq-box-filter.js';
import { ColumnSweep } from './pdq-column-sweep.js';
import { sampleIndexes } from './pdq-decimate.js';
import { BLOCK_ROWS } from './pdq-jarosz-kernels.js';
import { jaroszReference } from './pdq-jarosz-reference.js';
import { JaroszLayout, JaroszWorkspace } from './pdq-jarosz-workspace.js';
import { computeLuma } from './pdq-luma.js';

/**
 * Past this much kernel memory (images hundreds of thousands of pixels wide), the
 * spec-literal JS filter is used instead: slow, but its memory is O(pixels) and freed,
 * while the kernels' memory never shrinks.
 */
export const MAX_WORKSPACE_BYTES = 256 * 1024 * 1024;

/**
 * Jarosz downsampling (spec §2) of pixels straight to the 64×64 buffer: luma, two
 * passes of row then column box filters, decimation. Bit-exact with the spec-literal
 * `jaroszReference`, and streamed: BLOCK_ROWS rows at a time flow through all four
 * filters, so the working set stays in cache and nothing image-sized is allocated.
 *
 * Only what decimation reads is divided out in the second pass: its row filter keeps
 * the full running sum (every rounding counts) but divides only the 64 sampled
 * columns, and its column filter runs on those 64 columns.
 *
 * @example
 *   const buf = new Float32Array(64 * 64);
 *   jaroszDownsample(image, buf);
 */
export function jaroszDownsample(image: DecodedImage, out: Float32Array): void {
  const { width: cols, height: rows } = image;
  if (new JaroszLayout(cols, cols * image.channels, windowSize(rows)).bytes > MAX_WORKSPACE_BYTES) {
    const luma = new Float32Array(rows * cols);
    computeLuma(image, luma);
    jaroszReference(luma, rows, cols, out);
    return;
  }
  run(rows, cols, cols * image.channels, out, pixelLoader(image));
}

/** The same from a float32 luma plane (rows × cols), as the intermediates are dumped. */
export function jaroszDownsampleLuma(luma: Float32Array, rows: number, cols: number, out: Float32Array): void {
  run(rows, cols, cols * 4, out, (ws, first, end) => {
    ws.f32.set(luma.subarray(first * cols, end * cols), ws.staging / 4);
    ws.kernels.interleave(ws.staging, cols * 4, ws.blockIn, cols);
  });
}

/** Only the luma stage of jaroszDownsample, so benchmarks can split the time. */
export function lumaStageOnly(image: DecodedImage): void {
  const ws = new JaroszWorkspace(image.width, image.width * image.channels, windowSize(image.height));
  const load = pixelLoader(image);
  for (let r0 = 0; r0 < image.height; r0 += BLOCK_ROWS) load(ws, r0, Math.min(r0 + BLOCK_ROWS, image.height));
}

/** Puts luma of source rows first … end−1 into ws.blockIn (interleaved). */
type LoadBlock = (ws: JaroszWorkspace, first: number, end: number) => void;

function pixelLoader(image: DecodedImage): LoadBlock {
  const rowBytes = image.width * image.channels;
  const luma = `luma${image.channels}` as const;
  return (ws, first, end) => {
    ws.u8.set(image.data.subarray(first * rowBytes, end * rowBytes), ws.staging);
    ws.kernels[luma](ws.staging, rowBytes, ws.blockIn, image.width);
  };
}

function run(rows: number, cols: number, sourceRowBytes: number, out: Float32Array, load: LoadBlock): void {
  const wx = windowSize(cols);
  const wy = windowSize(rows);
  const leadX = halfWindow(wx) - 1;
  const ws = new JaroszWorkspace(cols, sourceRowBytes, wy);
  const { kernels } = ws;
  ws.setSampledColumns(cols, wx);
  const rowIndex = sampleIndexes(rows);
  let nextOut = 0;

  // Second pass, columns: 64-wide rows; decimation keeps the sampled output rows.
  const outRowAt = (m: number) => ws.outRows + (m % BLOCK_ROWS) * 64 * 4;
  const second = new ColumnSweep(ws, rows, wy, 64, ws.ringC, ws.sums2, outRowAt);
  second.onRow = (m) => {
    for (; nextOut < 64 && rowIndex[nextOut] === m; nextOut++) {
      out.set(ws.f32.subarray(outRowAt(m) / 4, outRowAt(m) / 4 + 64), nextOut * 64);
    }
  };
  // First pass, columns: full rows out into a ring of two blocks. Once a block of
  // them is complete: second pass, rows (running sums at every column, divided only
  // at the 64 sampled ones), then that block through the second-pass columns.
  const bRowAt = (j: number) => ws.bRing + (j % (2 * BLOCK_ROWS)) * ws.rowBytes;
  const first = new ColumnSweep(ws, rows, wy, ws.paddedCols, ws.ringA, ws.sums1, bRowAt);
  first.onRow = (j) => {
    if (j % BLOCK_ROWS !== BLOCK_ROWS - 1 && j !== rows - 1) return;
    const j0 = j - (j % BLOCK_ROWS);
    kernels.interleave(bRowAt(j0), ws.rowBytes, ws.blockIn, cols);
    kernels.sweepSums(ws.blockIn, ws.blockOut, cols, wx, leadX);
    kernels.gather(ws.blockOut, ws.sampleOffsets, ws.sampleCounts, ws.sampledBlock);
    second.pushBlock(ws.sampledBlock, j0, j + 1);
  };

  // First pass, rows: BLOCK_ROWS rows at a time.
  for (let r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
    const r1 = Math.min(r0 + BLOCK_ROWS, rows);
    load(ws, r0, r1);
    kernels.sweepDivide(ws.blockIn, ws.blockOut, cols, wx, leadX);
    first.pushBlock(ws.blockOut, r0, r1);
  }
  first.finish();
  second.finish();
}
