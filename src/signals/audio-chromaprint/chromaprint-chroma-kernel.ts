import { F64, I32, V128, WasmFunction, instantiate, wasmModule, type WasmMemory } from '../pdq/pdq-wasm-builder.js';

/**
 * One frame of chromaprint's analysis in WebAssembly: window the 4096 samples, real FFT
 * (a complex FFT of 2048 on the even/odd samples, then the split), power of each bin in
 * the chroma range, summed into its band. Nearly all of fingerprinting is this, once per
 * 1365 samples; in JavaScript it took about 64 µs a frame, here about a third of that.
 *
 * The arithmetic is the reference's (chromaprint-reference-spectrum.test-helper.ts)
 * operation for operation and in the same order: the butterflies run two at a time in
 * f64x2 lanes, which changes no result, and there is no fused multiply-add in WASM, so
 * every row is bit for bit the same and the fingerprints equal fpcalc's.
 *
 * @example
 *   const kernel = chromaKernel(tables);
 *   kernel.samples.set(pcm.subarray(at, at + 4096));
 *   kernel.analyse();
 *   kernel.row; // Float64Array(12): the frame's raw chroma
 */
export interface ChromaKernel {
  /** The frame to analyse: write FRAME_SIZE samples here before `analyse()`. */
  readonly samples: Int16Array;
  /** The 12 band sums of the last frame analysed. */
  readonly row: Float64Array;
  analyse(): void;
}

export interface ChromaTables {
  /** Window, one weight per sample; its length is the frame size, a power of two ≥ 16. */
  readonly window: Float64Array;
  /** Band (0–11) of each FFT bin below `maxIndex`. */
  readonly bandOfBin: Uint8Array;
  /** Bins [minIndex, maxIndex) are summed; 1 ≤ minIndex, maxIndex ≤ size / 2. */
  readonly minIndex: number;
  readonly maxIndex: number;
}

const BANDS = 12;

/**
 * Builds the kernel for these tables. Calls are synchronous and leave nothing behind
 * but `row`, so one kernel can serve every stream in the process, one frame at a time.
 */
export function chromaKernel(tables: ChromaTables): ChromaKernel {
  const size = tables.window.length;
  const half = size >> 1;
  if (size < 16 || (size & (size - 1)) !== 0) throw new RangeError(`frame size must be a power of two ≥ 16, got ${size}`);
  if (tables.minIndex < 1 || tables.maxIndex > half || tables.bandOfBin.length < tables.maxIndex) throw new RangeError('bins out of range');
  if (tables.bandOfBin.subarray(tables.minIndex, tables.maxIndex).some((band) => band >= BANDS)) throw new RangeError(`bands must be below ${BANDS}`);
  const layout = memoryLayout(half);
  const exports = instantiate(wasmModule([analyseFunction(half, tables, layout)], layout.pages));
  const memory = exports.memory as WasmMemory;
  const f64 = (at: number, length: number) => new Float64Array(memory.buffer, at, length);
  const { cos, sin } = twiddleTable(half);
  // Stage twiddles are copied from the complex FFT's table as the reference takes them
  // (cos[j·step]), not recomputed: a recomputed cosine may differ in its last bit.
  const stageRe = f64(layout.TWR, half);
  const stageIm = f64(layout.TWI, half);
  for (let len = 8; len <= half; len <<= 1) {
    const h = len >> 1;
    const step = half / len;
    for (let j = 0; j < h; j++) {
      stageRe[h + j] = cos[j * step]!;
      stageIm[h + j] = -sin[j * step]!;
    }
  }
  const splitCos = f64(layout.SPLIT_COS, half + 1);
  const splitSin = f64(layout.SPLIT_SIN, half + 1);
  for (let k = 0; k <= half; k++) {
    splitCos[k] = Math.cos((2 * Math.PI * k) / size);
    splitSin[k] = Math.sin((2 * Math.PI * k) / size);
  }
  f64(layout.WINDOW, size).set(tables.window);
  // Byte offsets, so the kernel adds them to a base without shifting.
  const reversed = new Int32Array(memory.buffer, layout.BIT_REVERSE, half);
  const bits = Math.log2(half);
  for (let i = 0; i < half; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed[i] = r * 8;
  }
  const bandBytes = new Uint8Array(memory.buffer, layout.BAND, tables.maxIndex);
  for (let k = tables.minIndex; k < tables.maxIndex; k++) bandBytes[k] = tables.bandOfBin[k]! * 8;
  return {
    samples: new Int16Array(memory.buffer, layout.SAMPLES, size),
    row: f64(layout.ROW, BANDS),
    analyse: exports.analyse as () => void,
  };
}

/** cos/sin of 2πj/half for j < half/2: the complex FFT's twiddles. */
function twiddleTable(half: number) {
  const cos = new Float64Array(half >> 1);
  const sin = new Float64Array(half >> 1);
  for (let j = 0; j < half >> 1; j++) {
    cos[j] = Math.cos((2 * Math.PI * j) / half);
    sin[j] = Math.sin((2 * Math.PI * j) / half);
  }
  return { cos, sin };
}

/** Byte offsets in the kernel's memory; every float64 table is 16-byte aligned for v128. */
function memoryLayout(half: number) {
  const f64Bytes = (n: number) => Math.ceil((n * 8) / 16) * 16;
  let at = 0;
  const take = (bytes: number) => ((at += bytes), at - bytes);
  const RE = take(f64Bytes(half));
  const IM = take(f64Bytes(half));
  const TWR = take(f64Bytes(half));
  const TWI = take(f64Bytes(half));
  const WINDOW = take(f64Bytes(2 * half));
  const SPLIT_COS = take(f64Bytes(half + 1));
  const SPLIT_SIN = take(f64Bytes(half + 1));
  const ROW = take(f64Bytes(BANDS));
  const BIT_REVERSE = take(half * 4);
  const SAMPLES = take(half * 4);
  const BAND = take(half + 16);
  return { RE, IM, TWR, TWI, WINDOW, SPLIT_COS, SPLIT_SIN, ROW, BIT_REVERSE, SAMPLES, BAND, pages: Math.ceil(at / 65536) };
}

type Layout = ReturnType<typeof memoryLayout>;

function analyseFunction(half: number, tables: ChromaTables, m: Layout): WasmFunction {
  const f = new WasmFunction('analyse', []);
  const bytes = half * 8;
  const i = f.local(I32);
  const j = f.local(I32);
  const [ar, ai, br, bi, cr, ci, dr, di] = Array.from({ length: 8 }, () => f.local(F64));

  // 1. Window each sample while placing the even ones in re and the odd ones in im, in
  //    bit-reversed order: the reference's `samples[2i]·window[2i]`, one pass.
  f.i32(0).set(i); // byte offset of the i-th int16 pair and of its bit-reverse entry (both 4 bytes a step)
  f.whileLoop(() => f.get(i).i32(half * 4).op('i32.lt_u'), () => {
    f.get(i).mem('i32.load', m.BIT_REVERSE).set(j);
    f.get(j)
      .get(i).mem('i32.load16_s', m.SAMPLES).op('f64.convert_i32_s')
      .get(i).i32(2).op('i32.shl').mem('f64.load', m.WINDOW)
      .op('f64.mul').mem('f64.store', m.RE);
    f.get(j)
      .get(i).mem('i32.load16_s', m.SAMPLES + 2).op('f64.convert_i32_s')
      .get(i).i32(2).op('i32.shl').mem('f64.load', m.WINDOW + 8)
      .op('f64.mul').mem('f64.store', m.IM);
    f.get(i).i32(4).op('i32.add').set(i);
  });

  // 2. The first two stages as one radix-4 pass: twiddles 1 and −i need no multiplication.
  f.i32(0).set(i);
  f.whileLoop(() => f.get(i).i32(bytes).op('i32.lt_u'), () => {
    const load = (local: number, base: number, k: number) => f.get(i).mem('f64.load', base + 8 * k).set(local);
    load(ar, m.RE, 0); load(ai, m.IM, 0); load(br, m.RE, 1); load(bi, m.IM, 1);
    load(cr, m.RE, 2); load(ci, m.IM, 2); load(dr, m.RE, 3); load(di, m.IM, 3);
    // s0 = a + b, d0 = a − b, s1 = c + d, d1 = c − d; reusing a, b for s0, d0 and c, d for s1, d1.
    const sumDiff = (x: number, y: number) => {
      f.get(x).get(y).op('f64.sub').get(x).get(y).op('f64.add').set(x).set(y); // x = x + y, y = x − y
    };
    sumDiff(ar, br); sumDiff(ai, bi); sumDiff(cr, dr); sumDiff(ci, di);
    const store = (base: number, k: number, emit: () => void) => { f.get(i); emit(); f.mem('f64.store', base + 8 * k); };
    store(m.RE, 0, () => f.get(ar).get(cr).op('f64.add'));
    store(m.IM, 0, () => f.get(ai).get(ci).op('f64.add'));
    store(m.RE, 2, () => f.get(ar).get(cr).op('f64.sub'));
    store(m.IM, 2, () => f.get(ai).get(ci).op('f64.sub'));
    // d1 · (−i) = (d1i, −d1r)
    store(m.RE, 1, () => f.get(br).get(di).op('f64.add'));
    store(m.IM, 1, () => f.get(bi).get(dr).op('f64.sub'));
    store(m.RE, 3, () => f.get(br).get(di).op('f64.sub'));
    store(m.IM, 3, () => f.get(bi).get(dr).op('f64.add'));
    f.get(i).i32(32).op('i32.add').set(i);
  });

  // 3. The remaining radix-2 stages, two butterflies per f64x2 vector.
  radix2Stages(f, half, m);

  // 4. The split of the packed transform into the real input's spectrum, only for the
  //    chroma bins, each power added to its band in ascending bin order as the reference does.
  for (let b = 0; b < BANDS; b++) f.i32(0).f64(0).mem('f64.store', m.ROW + 8 * b);
  // The radix-4 pass's eight locals are free again: z, m, E, O.
  const [zr, zi, mr, mi, er, ei, or, oi] = [ar, ai, br, bi, cr, ci, dr, di];
  const [xr, xi, c, s] = [f.local(F64), f.local(F64), f.local(F64), f.local(F64)];
  const mirror = f.local(I32);
  const band = f.local(I32);
  f.i32(tables.minIndex * 8).set(i);
  f.i32((half - tables.minIndex) * 8).set(mirror);
  f.whileLoop(() => f.get(i).i32(tables.maxIndex * 8).op('i32.lt_u'), () => {
    f.get(i).mem('f64.load', m.RE).set(zr);
    f.get(i).mem('f64.load', m.IM).set(zi);
    f.get(mirror).mem('f64.load', m.RE).set(mr);
    f.get(mirror).mem('f64.load', m.IM).set(mi);
    // E = ((z + conj m) / 2), O = ((z − conj m) / 2i), as (zr+mr)·½ etc.
    f.get(zr).get(mr).op('f64.add').f64(0.5).op('f64.mul').set(er);
    f.get(zi).get(mi).op('f64.sub').f64(0.5).op('f64.mul').set(ei);
    f.get(zi).get(mi).op('f64.add').f64(0.5).op('f64.mul').set(or);
    f.get(mr).get(zr).op('f64.sub').f64(0.5).op('f64.mul').set(oi);
    f.get(i).mem('f64.load', m.SPLIT_COS).set(c);
    f.get(i).mem('f64.load', m.SPLIT_SIN).set(s);
    // xr = er + c·or + s·oi; xi = ei + c·oi − s·or (left to right, as JavaScript evaluates them)
    f.get(er).get(c).get(or).op('f64.mul').op('f64.add').get(s).get(oi).op('f64.mul').op('f64.add').set(xr);
    f.get(ei).get(c).get(oi).op('f64.mul').op('f64.add').get(s).get(or).op('f64.mul').op('f64.sub').set(xi);
    f.get(i).i32(3).op('i32.shr_u').mem('i32.load8_u', m.BAND).set(band);
    f.get(band)
      .get(band).mem('f64.load', m.ROW)
      .get(xr).get(xr).op('f64.mul').get(xi).get(xi).op('f64.mul').op('f64.add')
      .op('f64.add').mem('f64.store', m.ROW);
    f.get(i).i32(8).op('i32.add').set(i);
    f.get(mirror).i32(8).op('i32.sub').set(mirror);
  });
  return f;
}

/** Stages of half-length 4, 8, …, half/2 on re/im, in bit-reversed order after the radix-4 pass. */
function radix2Stages(f: WasmFunction, half: number, m: Layout): void {
  const bytes = half * 8;
  const [h, i0, a, end, tw, l] = Array.from({ length: 6 }, () => f.local(I32));
  const [wr, wi, xr, xi, tr, ti, ur, ui] = Array.from({ length: 8 }, () => f.local(V128));
  // for (h = 4; h < half; h *= 2) — byte offsets throughout: a is re[i]'s, a + 8h is re[l]'s.
  f.i32(4).set(h);
  f.whileLoop(() => f.get(h).i32(half).op('i32.lt_u'), () => {
    f.i32(0).set(i0);
    f.whileLoop(() => f.get(i0).i32(bytes).op('i32.lt_u'), () => {
      f.get(i0).set(a);
      f.get(i0).get(h).i32(3).op('i32.shl').op('i32.add').set(end);
      f.get(h).i32(3).op('i32.shl').set(tw);
      f.whileLoop(() => f.get(a).get(end).op('i32.lt_u'), () => {
        f.get(tw).mem('v128.load', m.TWR).set(wr);
        f.get(tw).mem('v128.load', m.TWI).set(wi);
        f.get(a).get(h).i32(3).op('i32.shl').op('i32.add').set(l);
        f.get(l).mem('v128.load', m.RE).set(xr);
        f.get(l).mem('v128.load', m.IM).set(xi);
        // tr = xr·wr − xi·wi; ti = xr·wi + xi·wr
        f.get(xr).get(wr).op('f64x2.mul').get(xi).get(wi).op('f64x2.mul').op('f64x2.sub').set(tr);
        f.get(xr).get(wi).op('f64x2.mul').get(xi).get(wr).op('f64x2.mul').op('f64x2.add').set(ti);
        f.get(a).mem('v128.load', m.RE).set(ur);
        f.get(a).mem('v128.load', m.IM).set(ui);
        f.get(l).get(ur).get(tr).op('f64x2.sub').mem('v128.store', m.RE);
        f.get(l).get(ui).get(ti).op('f64x2.sub').mem('v128.store', m.IM);
        f.get(a).get(ur).get(tr).op('f64x2.add').mem('v128.store', m.RE);
        f.get(a).get(ui).get(ti).op('f64x2.add').mem('v128.store', m.IM);
        f.get(a).i32(16).op('i32.add').set(a);
        f.get(tw).i32(16).op('i32.add').set(tw);
      });
      f.get(i0).get(h).i32(4).op('i32.shl').op('i32.add').set(i0); // next block: 2h values on
    });
    f.get(h).i32(1).op('i32.shl').set(h);
  });
}
