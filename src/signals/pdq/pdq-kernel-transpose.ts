import { COLUMN_BYTES, locals, QUADS, transpose, walkBlock } from './pdq-kernel-common.js';
import { I32, V128, WasmFunction } from './pdq-wasm-builder.js';

/** `deinterleave(src, dst, rowBytes, cols)`: interleaved block → BLOCK_ROWS row-major rows. */
export function deinterleaveKernel(): WasmFunction {
  const f = new WasmFunction('deinterleave', [I32, I32, I32, I32]);
  const [src, dst, rowBytes, cols] = [0, 1, 2, 3];
  const [input, tmp, out] = [locals(f, V128, 4), locals(f, V128, 4), locals(f, V128, 4)];
  walkBlock(f, { rows: dst, rowBytes, step: 16, block: src, cols }, (row, column, q) => {
    for (let j = 0; j < 4; j++) f.get(column).mem('v128.load', j * COLUMN_BYTES + 16 * q).set(input[j]);
    transpose(f, input, out, tmp);
    for (let i = 0; i < 4; i++) {
      row(i);
      f.get(out[i]).mem('v128.store');
    }
  });
  return f;
}

/** `interleave(src, rowBytes, dst, cols)`: BLOCK_ROWS row-major rows → interleaved block. */
export function interleaveKernel(): WasmFunction {
  const f = new WasmFunction('interleave', [I32, I32, I32, I32]);
  const [src, rowBytes, dst, cols] = [0, 1, 2, 3];
  const [input, tmp, out] = [locals(f, V128, 4), locals(f, V128, 4), locals(f, V128, 4)];
  walkBlock(f, { rows: src, rowBytes, step: 16, block: dst, cols }, (row, column, q) => {
    for (let i = 0; i < 4; i++) {
      row(i);
      f.mem('v128.load').set(input[i]);
    }
    transpose(f, input, out, tmp);
    for (let j = 0; j < 4; j++) f.get(column).get(out[j]).mem('v128.store', j * COLUMN_BYTES + 16 * q);
  });
  return f;
}

/**
 * `gather(src, offsets, counts, dst)`: from an interleaved block of running sums, the
 * 64 sampled columns (byte offsets in `offsets`, i32 × 64), each divided by its window
 * count (`counts`, f32 × 64), as an interleaved block 64 columns wide.
 */
export function gatherKernel(): WasmFunction {
  const f = new WasmFunction('gather', [I32, I32, I32, I32]);
  const [src, offsets, counts, dst] = [0, 1, 2, 3];
  const [j4, column, out] = locals(f, I32, 3);
  const [divisor] = locals(f, V128, 1);
  f.get(dst).set(out);
  f.whileLoop(() => f.get(j4).i32(64 * 4).op('i32.lt_u'), () => {
    f.get(src).get(offsets).get(j4).op('i32.add').mem('i32.load').op('i32.add').set(column);
    f.get(counts).get(j4).op('i32.add').mem('f32.load').op('f32x4.splat').set(divisor);
    for (let q = 0; q < QUADS; q++) {
      f.get(out).get(column).mem('v128.load', 16 * q).get(divisor).op('f32x4.div').mem('v128.store', 16 * q);
    }
    f.get(j4).i32(4).op('i32.add').set(j4);
    f.get(out).i32(COLUMN_BYTES).op('i32.add').set(out);
  });
  return f;
}
