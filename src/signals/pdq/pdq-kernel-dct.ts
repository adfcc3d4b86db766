import { locals } from './pdq-kernel-common.js';
import { I32, V128, WasmFunction } from './pdq-wasm-builder.js';

const ZERO = new Array<number>(16).fill(0);

/**
 * `dct16(a, out, d, dt, t)`: PDQ's partial DCT B = D · A · Dᵀ in float32 lanes, the same
 * sums as pdq-dct.ts in the same order, so bit-exact with it: t[i][j] = Σₖ fr(D[i][k] ·
 * A[k][j]) and out[i][j] = Σₖ fr(t[i][k] · D[j][k]), each a running float32 sum over
 * k = 0 … 63. Four lanes are four neighbouring j; sixteen j are summed at once, so the
 * adds of one step do not wait on each other. Addresses: `a` 64×64 floats, `out` 16×16,
 * `d` the matrix (16×64), `dt` its transpose (64×16), `t` 16×64 floats of scratch.
 */
export function dctKernel(): WasmFunction {
  const f = new WasmFunction('dct16', [I32, I32, I32, I32, I32]);
  const [a, out, d, dt, t] = [0, 1, 2, 3, 4];
  const [i, group, k, left, right, dst] = locals(f, I32, 6);
  const acc = locals(f, V128, 4);
  const factor = f.local(V128);

  /** acc[c] += right[c·16 … c·16+16) × splat(left) for k = 0 … 63, left and right advancing by their steps; then stored at dst. */
  const sums = (leftStep: number, rightStep: number) => {
    for (const c of acc) f.v128(ZERO).set(c);
    f.i32(0).set(k);
    f.whileLoop(() => f.get(k).i32(64).op('i32.lt_u'), () => {
      f.get(left).mem('f32.load').op('f32x4.splat').set(factor);
      for (let c = 0; c < 4; c++) f.get(acc[c]!).get(right).mem('v128.load', c * 16).get(factor).op('f32x4.mul').op('f32x4.add').set(acc[c]!);
      f.get(left).i32(leftStep).op('i32.add').set(left);
      f.get(right).i32(rightStep).op('i32.add').set(right);
      f.get(k).i32(1).op('i32.add').set(k);
    });
    for (let c = 0; c < 4; c++) f.get(dst).get(acc[c]!).mem('v128.store', c * 16);
  };

  // t = D · A: row i of D against columns 16·group … 16·group + 15 of A.
  f.i32(0).set(i);
  f.whileLoop(() => f.get(i).i32(16).op('i32.lt_u'), () => {
    f.i32(0).set(group);
    f.whileLoop(() => f.get(group).i32(4).op('i32.lt_u'), () => {
      f.get(d).get(i).i32(256).op('i32.mul').op('i32.add').set(left);
      f.get(a).get(group).i32(64).op('i32.mul').op('i32.add').set(right);
      f.get(t).get(i).i32(256).op('i32.mul').op('i32.add').get(group).i32(64).op('i32.mul').op('i32.add').set(dst);
      sums(4, 256);
      f.get(group).i32(1).op('i32.add').set(group);
    });
    f.get(i).i32(1).op('i32.add').set(i);
  });
  // out = t · Dᵀ: row i of t against the 16 rows of D, read as rows of Dᵀ.
  f.i32(0).set(i);
  f.whileLoop(() => f.get(i).i32(16).op('i32.lt_u'), () => {
    f.get(t).get(i).i32(256).op('i32.mul').op('i32.add').set(left);
    f.get(dt).set(right);
    f.get(out).get(i).i32(64).op('i32.mul').op('i32.add').set(dst);
    sums(4, 64);
    f.get(i).i32(1).op('i32.add').set(i);
  });
  return f;
}
