import { COLUMN_BYTES, locals, QUADS } from './pdq-kernel-common.js';
import { F32, I32, V128, WasmFunction } from './pdq-wasm-builder.js';

/**
 * `sweepDivide(src, dst, n, w, lead)` / `sweepSums(…)`: the spec's 1-D box filter along
 * the rows of an interleaved block (all BLOCK_ROWS rows at once), n samples, window w,
 * lead = half − 1. sweepDivide emits sum / count at every output; sweepSums stores the
 * running sum undivided, for outputs only some of which are read.
 */
export function sweepKernel(name: string, divide: boolean): WasmFunction {
  const f = new WasmFunction(name, [I32, I32, I32, I32, I32]);
  const [src, dst, n, w, lead] = [0, 1, 2, 3, 4];
  const [added, removed, out, end] = locals(f, I32, 4);
  const count = f.local(F32);
  const divisor = f.local(V128);
  const sums = locals(f, V128, QUADS);
  // For step k: added = src + k·C, removed = added − w·C, out = dst + (k − lead)·C.
  f.get(src).set(added);
  f.get(src).get(w).i32(COLUMN_BYTES).op('i32.mul').op('i32.sub').set(removed);
  f.get(dst).get(lead).i32(COLUMN_BYTES).op('i32.mul').op('i32.sub').set(out);
  /** Runs body for steps k up to (but excluding) `last`, which pushes an i32. */
  const phase = (last: () => void, body: () => void) => {
    f.get(src);
    last();
    f.i32(COLUMN_BYTES).op('i32.mul').op('i32.add').set(end);
    f.whileLoop(() => f.get(added).get(end).op('i32.lt_u'), () => {
      body();
      for (const p of [added, removed, out]) f.get(p).i32(COLUMN_BYTES).op('i32.add').set(p);
    });
  };
  const add = (q: number) => f.get(sums[q]).get(added).mem('v128.load', 16 * q).op('f32x4.add');
  const subtract = (q: number) => f.get(removed).mem('v128.load', 16 * q).op('f32x4.sub');
  const count1 = (op: 'f32.add' | 'f32.sub') => {
    f.get(count).f32(1).op(op).set(count);
    if (divide) f.get(count).op('f32x4.splat').set(divisor);
  };
  const emit = () => {
    for (let q = 0; q < QUADS; q++) {
      f.get(out).get(sums[q]);
      if (divide) f.get(divisor).op('f32x4.div');
      f.mem('v128.store', 16 * q);
    }
  };
  // Phase A: the first `lead` samples, no output.
  phase(() => f.get(lead), () => {
    for (let q = 0; q < QUADS; q++) add(q).set(sums[q]);
    count1('f32.add');
  });
  // Phase B: up to sample w − 1, output sum / count.
  phase(() => f.get(w), () => {
    for (let q = 0; q < QUADS; q++) add(q).set(sums[q]);
    count1('f32.add');
    emit();
  });
  // Phase C: add the next sample, then subtract the oldest; output sum / w.
  phase(() => f.get(n), () => {
    for (let q = 0; q < QUADS; q++) {
      add(q);
      subtract(q).set(sums[q]);
    }
    emit();
  });
  // Phase D: subtract the oldest; output sum / count.
  phase(() => f.get(n).get(lead).op('i32.add'), () => {
    for (let q = 0; q < QUADS; q++) {
      f.get(sums[q]);
      subtract(q).set(sums[q]);
    }
    count1('f32.sub');
    emit();
  });
  return f;
}
