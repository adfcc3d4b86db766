import { halfWindow } from './pdq-box-filter.js';
import { BLOCK_ROWS } from './pdq-jarosz-kernels.js';
import { ringRows, type JaroszWorkspace } from './pdq-jarosz-workspace.js';

/**
 * A column box filter over rows arriving in order (spec §2, along columns). Step k
 * adds row k and/or removes row k − w, then emits output row k − lead, per the
 * spec's phases A–D. Input rows live in a ring (`slot`); `onRow` hears of each
 * output row once it is written at `outAt(row)`, which must give BLOCK_ROWS
 * consecutive rows distinct addresses (a block is emitted before onRow is told).
 *
 * @example
 *   const sweep = new ColumnSweep(ws, rows, wy, 64, ws.ringC, ws.sums2, (m) => outRowAt(m));
 *   sweep.onRow = (m) => keep(m);
 *   for (let k = 0; k < rows; k++) sweep.step(k);   // after writing row k at sweep.slot(k)
 *   sweep.finish();
 */
export class ColumnSweep {
  onRow: (row: number) => void = () => {};
  private readonly lead: number;
  private readonly ringRows: number;

  constructor(
    private readonly ws: JaroszWorkspace, private readonly rows: number, private readonly w: number,
    /** Floats per row, a multiple of 4. */
    private readonly width: number,
    private readonly ring: number, private readonly sums: number,
    private readonly outAt: (row: number) => number,
  ) {
    this.lead = halfWindow(w) - 1;
    this.ringRows = ringRows(w);
    ws.f32.fill(0, sums / 4, sums / 4 + width);
  }

  /** Address of input row `r` in the ring. */
  slot(r: number): number {
    return this.ring + (r % this.ringRows) * this.width * 4;
  }

  /** Input rows r0 … r1−1 from an interleaved block; one fused kernel call when all are in phase C. */
  pushBlock(block: number, r0: number, r1: number): void {
    const { ws, w, lead } = this;
    if (r1 - r0 < BLOCK_ROWS || r0 < w || r1 > this.rows) {
      ws.kernels.deinterleave(block, this.slot(r0), this.width * 4, this.width);
      for (let r = r0; r < r1; r++) this.step(r);
      return;
    }
    const table = new Int32Array(ws.u8.buffer, ws.rowTable, 3 * BLOCK_ROWS);
    for (let i = 0; i < BLOCK_ROWS; i++) {
      table[i] = this.slot(r0 + i);
      table[BLOCK_ROWS + i] = this.slot(r0 + i - w);
      table[2 * BLOCK_ROWS + i] = this.outAt(r0 + i - lead);
    }
    ws.kernels.columnBlock(block, ws.rowTable, this.sums, this.width, w);
    for (let r = r0; r < r1; r++) this.onRow(r - lead);
  }

  step(k: number): void {
    const { kernels } = this.ws;
    const { rows, w, lead, width, sums } = this;
    const out = k >= lead ? this.outAt(k - lead) : 0;
    if (k < lead) kernels.columnAdd(this.slot(k), 0, sums, 0, width, 0);
    else if (k < w) kernels.columnAddEmit(this.slot(k), 0, sums, out, width, k + 1);
    else if (k < rows) kernels.columnAddRemoveEmit(this.slot(k), this.slot(k - w), sums, out, width, w);
    else kernels.columnRemoveEmit(0, this.slot(k - w), sums, out, width, w - (k - rows + 1));
    if (k >= lead) this.onRow(k - lead);
  }

  /** Phase D: the last `lead` outputs, after the last input row. */
  finish(): void {
    for (let k = this.rows; k < this.rows + this.lead; k++) this.step(k);
  }
}
