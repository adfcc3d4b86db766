import { COLUMN_BYTES, locals, splat, transpose, walkBlock } from './pdq-kernel-common.js';
import { I32, V128, WasmFunction } from './pdq-wasm-builder.js';

/**
 * `luma<bpp>(src, stride, dst, cols)`: BLOCK_ROWS rows of 8-bit pixels with `bpp`
 * bytes each (`stride` bytes from row to row) → interleaved float32 luma.
 * Y = fr(fr(fr(0.299 R) + fr(0.587 G)) + fr(0.114 B)) in float32 lanes, exactly the
 * spec; grey (bpp 1 or 2) is taken as R = G = B = grey, alpha is ignored.
 * Reads up to 16 bytes past a row's last pixel: sources need that much slack.
 */
export function lumaKernel(bpp: 1 | 2 | 3 | 4): WasmFunction {
  const f = new WasmFunction(`luma${bpp}`, [I32, I32, I32, I32]);
  const [src, stride, dst, cols] = [0, 1, 2, 3];
  const [pixels, weightR, weightG, weightB] = locals(f, V128, 4);
  const [y, tmp] = [locals(f, V128, 4), locals(f, V128, 4)];
  f.v128(splat(0.299)).set(weightR);
  f.v128(splat(0.587)).set(weightG);
  f.v128(splat(0.114)).set(weightB);
  const grey = bpp <= 2;
  // Swizzle picking byte `first + i·bpp` into the low byte of 32-bit lane i; 0x80 gives 0.
  const pick = (first: number) => [0, 1, 2, 3].flatMap((i) => [first + i * bpp, 0x80, 0x80, 0x80]);
  const channel = (first: number) => f.get(pixels).v128(pick(first)).op('i8x16.swizzle').op('f32x4.convert_i32x4_s');

  walkBlock(f, { rows: src, rowBytes: stride, step: 4 * bpp, block: dst, cols }, (row, column, q) => {
    for (let i = 0; i < 4; i++) {
      row(i);
      f.mem('v128.load').set(pixels);
      if (grey) {
        channel(0).set(pixels);
        f.get(pixels).get(weightR).op('f32x4.mul');
        f.get(pixels).get(weightG).op('f32x4.mul');
        f.op('f32x4.add');
        f.get(pixels).get(weightB).op('f32x4.mul');
      } else {
        channel(0).get(weightR).op('f32x4.mul');
        channel(1).get(weightG).op('f32x4.mul');
        f.op('f32x4.add');
        channel(2).get(weightB).op('f32x4.mul');
      }
      f.op('f32x4.add').set(y[i]);
    }
    transpose(f, y, y, tmp);
    for (let j = 0; j < 4; j++) f.get(column).get(y[j]).mem('v128.store', j * COLUMN_BYTES + 16 * q);
  });
  return f;
}
