import { dctKernel } from './pdq-kernel-dct.js';
import { instantiate, wasmModule, type WasmMemory } from './pdq-wasm-builder.js';

/**
 * PDQ's partial DCT (spec §4): frequencies 1 … 16 of the 64×64 buffer, DC skipped.
 * D[i][j] = fr(fr(sqrt(2/64)) * cos((π/2/64)(i+1)(2j+1))), the product in double.
 */
export const DCT_MATRIX: Float32Array = (() => {
  const matrix = new Float32Array(16 * 64);
  const scale = Math.fround(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) matrix[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return matrix;
})();

// Kernel memory: the matrix, its transpose, the 16×64 partial product, the input, the output.
const AT = { d: 0, dt: 4096, t: 8192, a: 12288, out: 28672 } as const;
let kernel: { dct16(a: number, out: number, d: number, dt: number, t: number): void; floats: Float32Array } | undefined;

function dctKernelInstance(): NonNullable<typeof kernel> {
  if (kernel) return kernel;
  const exports = instantiate(wasmModule([dctKernel()], 1)) as { dct16: NonNullable<typeof kernel>['dct16']; memory: WasmMemory };
  // One page, never grown: the view stays valid.
  const floats = new Float32Array(exports.memory.buffer);
  floats.set(DCT_MATRIX, AT.d / 4);
  for (let j = 0; j < 16; j++) for (let k = 0; k < 64; k++) floats[AT.dt / 4 + k * 16 + j] = DCT_MATRIX[j * 64 + k]!;
  kernel = { dct16: exports.dct16, floats };
  return kernel;
}

/**
 * B = D · A · Dᵀ for the 64×64 buffer `a`, into `out` (16×16, row-major), in a
 * WebAssembly SIMD kernel (pdq-kernel-dct.ts) bit-exact with `dct16Reference`: an image's
 * robust hashes take a dozen of these, where plain PDQ takes one.
 *
 * @example
 *   const coefficients = new Float32Array(256);
 *   dct16(buf64, coefficients);
 */
export function dct16(a: Float32Array, out: Float32Array): void {
  const k = dctKernelInstance();
  k.floats.set(a.subarray(0, 4096), AT.a / 4);
  k.dct16(AT.a, AT.out, AT.d, AT.dt, AT.t);
  out.set(k.floats.subarray(AT.out / 4, AT.out / 4 + 256));
}

const partial = new Float32Array(16 * 64);

/**
 * The same in plain JS, the spec's loops: every dot product is a float32 running sum
 * over k = 0 … 63 in order; the loops are arranged so the inner one runs over
 * independent sums. The kernel is tested against it.
 */
export function dct16Reference(a: Float32Array, out: Float32Array): void {
  const d = DCT_MATRIX;
  const t = partial;
  t.fill(0);
  for (let i = 0; i < 16; i++) {
    const row = i * 64;
    for (let k = 0; k < 64; k++) {
      const dik = d[row + k];
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[row + j] = t[row + j] + Math.fround(dik * a[ak + j]);
    }
  }
  out.fill(0, 0, 256);
  for (let i = 0; i < 16; i++) {
    for (let k = 0; k < 64; k++) {
      const tik = t[i * 64 + k];
      for (let j = 0; j < 16; j++) out[i * 16 + j] = out[i * 16 + j] + Math.fround(tik * d[j * 64 + k]);
    }
  }
}
