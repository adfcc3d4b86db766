import { columnBlockKernel, columnStepKernel } from './pdq-kernel-column.js';
import { lumaKernel } from './pdq-kernel-luma.js';
import { sweepKernel } from './pdq-kernel-sweep.js';
import { deinterleaveKernel, gatherKernel, interleaveKernel } from './pdq-kernel-transpose.js';
import { instantiate, wasmModule, type WasmMemory } from './pdq-wasm-builder.js';

export { BLOCK_ROWS, COLUMN_BYTES } from './pdq-kernel-common.js';

/**
 * The WebAssembly SIMD kernels behind the Jarosz filter, driven by pdq-jarosz.ts.
 * Every float op is a float32 op on four lanes, which is exactly the spec's fr(…)
 * arithmetic; nothing is reassociated. Arguments are byte addresses in `memory`;
 * pdq-kernel-common.ts explains the interleaved block layout.
 */
export interface JaroszKernels {
  readonly memory: WasmMemory;
  /** BLOCK_ROWS rows of 8-bit pixels (N bytes each, `stride` bytes apart) → interleaved luma. */
  luma1(src: number, stride: number, dst: number, cols: number): void;
  luma2(src: number, stride: number, dst: number, cols: number): void;
  luma3(src: number, stride: number, dst: number, cols: number): void;
  luma4(src: number, stride: number, dst: number, cols: number): void;
  /** Row box filter on an interleaved block, emitting sum / count at every output. */
  sweepDivide(src: number, dst: number, n: number, w: number, lead: number): void;
  /** The same running sums, stored undivided. */
  sweepSums(src: number, dst: number, n: number, w: number, lead: number): void;
  /** Interleaved block → BLOCK_ROWS row-major rows `rowBytes` apart. */
  deinterleave(src: number, dst: number, rowBytes: number, cols: number): void;
  /** BLOCK_ROWS row-major rows → interleaved block. */
  interleave(src: number, rowBytes: number, dst: number, cols: number): void;
  /** One step of a column filter over `n` columns (a multiple of 4): sums ±= rows, out = sums / count. */
  columnAdd(added: number, removed: number, sums: number, out: number, n: number, count: number): void;
  columnAddEmit(added: number, removed: number, sums: number, out: number, n: number, count: number): void;
  columnAddRemoveEmit(added: number, removed: number, sums: number, out: number, n: number, count: number): void;
  columnRemoveEmit(added: number, removed: number, sums: number, out: number, n: number, count: number): void;
  /** deinterleave + BLOCK_ROWS × columnAddRemoveEmit, with row addresses from `table` (i32 × 48). */
  columnBlock(src: number, table: number, sums: number, cols: number, count: number): void;
  /** The 64 sampled columns of an interleaved block of sums, divided by their counts, as a 64-column block. */
  gather(src: number, offsets: number, counts: number, dst: number): void;
}

let instance: JaroszKernels | undefined;

/** The kernels, compiled on first use (synchronously: the module is a few kilobytes). */
export function jaroszKernels(): JaroszKernels {
  instance ??= { ...instantiate(wasmModule([
    lumaKernel(1), lumaKernel(2), lumaKernel(3), lumaKernel(4),
    sweepKernel('sweepDivide', true), sweepKernel('sweepSums', false),
    deinterleaveKernel(), interleaveKernel(), gatherKernel(),
    columnStepKernel('columnAdd', true, false, false),
    columnStepKernel('columnAddEmit', true, false, true),
    columnStepKernel('columnAddRemoveEmit', true, true, true),
    columnStepKernel('columnRemoveEmit', false, true, true),
    columnBlockKernel(),
  ], 16)) } as unknown as JaroszKernels;
  return instance;
}
