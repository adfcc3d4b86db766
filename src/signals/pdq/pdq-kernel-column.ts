import { COLUMN_BYTES, locals, QUADS, transpose } from './pdq-kernel-common.js';
import { F32, I32, V128, WasmFunction } from './pdq-wasm-builder.js';

/**
 * sums += added row, then −= removed row (in that order, as the spec's phase C), then
 * out = sums / count; each part present or not per variant.
 */
export function columnStepKernel(name: string, adds: boolean, removes: boolean, emits: boolean): WasmFunction {
  const f = new WasmFunction(name, [I32, I32, I32, I32, I32, F32]);
  const [added, removed, sums, out, n, count] = [0, 1, 2, 3, 4, 5];
  const [x, end] = locals(f, I32, 2);
  const [divisor, sum] = locals(f, V128, 2);
  f.get(count).op('f32x4.splat').set(divisor);
  f.get(n).i32(4).op('i32.mul').set(end);
  f.whileLoop(() => f.get(x).get(end).op('i32.lt_u'), () => {
    f.get(sums).get(x).op('i32.add').mem('v128.load');
    if (adds) f.get(added).get(x).op('i32.add').mem('v128.load').op('f32x4.add');
    if (removes) f.get(removed).get(x).op('i32.add').mem('v128.load').op('f32x4.sub');
    f.set(sum);
    f.get(sums).get(x).op('i32.add').get(sum).mem('v128.store');
    if (emits) f.get(out).get(x).op('i32.add').get(sum).get(divisor).op('f32x4.div').mem('v128.store');
    f.get(x).i32(16).op('i32.add').set(x);
  });
  return f;
}

/**
 * `columnBlock(src, table, sums, cols, count)`: a whole interleaved block of rows
 * through one column filter, for blocks in the spec's phase C (every row adds one and
 * removes one). Row r of the block (r < BLOCK_ROWS) is written row-major to
 * table[r], and the step sums += row r, sums −= row at table[16 + r], row out at
 * table[32 + r] = sums / count follows, in row order. Fuses deinterleave and
 * BLOCK_ROWS calls of columnAddRemoveEmit.
 */
export function columnBlockKernel(): WasmFunction {
  const f = new WasmFunction('columnBlock', [I32, I32, I32, I32, F32]);
  const [src, table, sums, cols, count] = [0, 1, 2, 3, 4];
  const [q, x, column, end] = locals(f, I32, 4);
  const [added, removed, out] = [locals(f, I32, 4), locals(f, I32, 4), locals(f, I32, 4)];
  const [divisor, sum] = locals(f, V128, 2);
  const [input, tmp] = [locals(f, V128, 4), locals(f, V128, 4)];
  f.get(count).op('f32x4.splat').set(divisor);
  f.get(cols).i32(3).op('i32.add').i32(4).op('i32.div_u').i32(16).op('i32.mul').set(end);
  // Quads of rows outermost: each column's chain is then 4 steps long, and the
  // independent columns overlap.
  f.whileLoop(() => f.get(q).i32(QUADS).op('i32.lt_u'), () => {
    for (let i = 0; i < 4; i++) {
      for (const [local, base] of [[added, 0], [removed, 64], [out, 128]] as const) {
        f.get(table).get(q).i32(16).op('i32.mul').op('i32.add').mem('i32.load', base + 4 * i).set(local[i]);
      }
    }
    f.get(src).get(q).i32(16).op('i32.mul').op('i32.add').set(column);
    f.i32(0).set(x);
    f.whileLoop(() => f.get(x).get(end).op('i32.lt_u'), () => {
      for (let j = 0; j < 4; j++) f.get(column).mem('v128.load', j * COLUMN_BYTES).set(input[j]);
      transpose(f, input, input, tmp);
      f.get(sums).get(x).op('i32.add').mem('v128.load').set(sum);
      for (let i = 0; i < 4; i++) {
        f.get(added[i]).get(x).op('i32.add').get(input[i]).mem('v128.store');
        f.get(sum).get(input[i]).op('f32x4.add');
        f.get(removed[i]).get(x).op('i32.add').mem('v128.load').op('f32x4.sub').set(sum);
        f.get(out[i]).get(x).op('i32.add').get(sum).get(divisor).op('f32x4.div').mem('v128.store');
      }
      f.get(sums).get(x).op('i32.add').get(sum).mem('v128.store');
      f.get(x).i32(16).op('i32.add').set(x);
      f.get(column).i32(4 * COLUMN_BYTES).op('i32.add').set(column);
    });
    f.get(q).i32(1).op('i32.add').set(q);
  });
  return f;
}
