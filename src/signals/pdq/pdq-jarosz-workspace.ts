import { halfWindow } from './pdq-box-filter.js';
import { sampleIndexes } from './pdq-decimate.js';
import { BLOCK_ROWS, COLUMN_BYTES, jaroszKernels, type JaroszKernels } from './pdq-jarosz-kernels.js';

/** Rows a column filter's ring keeps: whole blocks, enough that row k − w outlives a new block. */
export function ringRows(w: number): number {
  return Math.ceil((w + BLOCK_ROWS) / BLOCK_ROWS) * BLOCK_ROWS;
}

/**
 * Byte addresses of every buffer one image needs in the kernels' memory. All are
 * O(width), never O(width × height); `bytes` is their total.
 */
export class JaroszLayout {
  /** Columns rounded up to a multiple of 4, and bytes per row-major float row. */
  readonly paddedCols: number;
  readonly rowBytes: number;
  /** Source rows of one block (pixels or floats), with slack for whole-vector reads. */
  readonly staging: number;
  /** Interleaved blocks: filter input and output. */
  readonly blockIn: number;
  readonly blockOut: number;
  /** First-pass column filter: its input ring, running sums, output ring (two blocks). */
  readonly ringA: number;
  readonly sums1: number;
  readonly bRing: number;
  /** Row addresses for the fused columnBlock kernel. */
  readonly rowTable: number;
  /** Second pass: sampled column offsets and counts, the sampled block, its 64-wide ring, sums, output rows (a block). */
  readonly sampleOffsets: number;
  readonly sampleCounts: number;
  readonly sampledBlock: number;
  readonly ringC: number;
  readonly sums2: number;
  readonly outRows: number;
  readonly bytes: number;

  constructor(cols: number, sourceRowBytes: number, wy: number) {
    this.paddedCols = Math.ceil(cols / 4) * 4;
    this.rowBytes = this.paddedCols * 4;
    let top = 0;
    const alloc = (bytes: number) => {
      const at = top;
      top += Math.ceil(bytes / 64) * 64;
      return at;
    };
    this.staging = alloc(BLOCK_ROWS * sourceRowBytes + 64);
    this.blockIn = alloc(this.paddedCols * COLUMN_BYTES);
    this.blockOut = alloc(this.paddedCols * COLUMN_BYTES);
    this.ringA = alloc(ringRows(wy) * this.rowBytes);
    this.sums1 = alloc(this.rowBytes);
    this.bRing = alloc(2 * BLOCK_ROWS * this.rowBytes);
    this.rowTable = alloc(3 * BLOCK_ROWS * 4);
    this.sampleOffsets = alloc(64 * 4);
    this.sampleCounts = alloc(64 * 4);
    this.sampledBlock = alloc(64 * COLUMN_BYTES);
    this.ringC = alloc(ringRows(wy) * 64 * 4);
    this.sums2 = alloc(64 * 4);
    this.outRows = alloc(BLOCK_ROWS * 64 * 4);
    this.bytes = top;
  }
}

/** The layout placed in the kernels' memory, which grows as needed and is reused by later images. */
export class JaroszWorkspace extends JaroszLayout {
  readonly kernels: JaroszKernels = jaroszKernels();
  readonly u8: Uint8Array;
  readonly f32: Float32Array;

  constructor(cols: number, sourceRowBytes: number, wy: number) {
    super(cols, sourceRowBytes, wy);
    const memory = this.kernels.memory;
    if (this.bytes > memory.buffer.byteLength) memory.grow(Math.ceil((this.bytes - memory.buffer.byteLength) / 65536));
    this.u8 = new Uint8Array(memory.buffer);
    this.f32 = new Float32Array(memory.buffer);
  }

  /** The 64 sampled columns' byte offsets in an interleaved block, and their window counts. */
  setSampledColumns(cols: number, wx: number): void {
    const index = sampleIndexes(cols);
    const half = halfWindow(wx);
    const offsets = new Int32Array(this.u8.buffer, this.sampleOffsets, 64);
    const counts = new Float32Array(this.u8.buffer, this.sampleCounts, 64);
    for (let j = 0; j < 64; j++) {
      const o = index[j]!;
      offsets[j] = o * COLUMN_BYTES;
      // Output o averages inputs o − (w − half) … o + half − 1, clipped to the row.
      counts[j] = Math.min(o + half - 1, cols - 1) - Math.max(o - (wx - half), 0) + 1;
    }
  }
}
