/**
 * A minimal WebAssembly binary writer, just enough for PDQ's and chromaprint's kernels:
 * one exported memory, exported functions, i32/f32/f64/v128 locals, structured loops.
 * Kernels read like WAT written as method chains, e.g.
 *
 * @example
 *   const f = new WasmFunction('double', [I32, I32]);        // (ptr, bytes)
 *   const [ptr, end] = [0, 1];
 *   f.get(ptr).get(end).op('i32.add').set(end);
 *   f.whileLoop(() => f.get(ptr).get(end).op('i32.lt_u'), () => {
 *     f.get(ptr).get(ptr).mem('v128.load').get(ptr).mem('v128.load').op('f32x4.add').mem('v128.store');
 *     f.get(ptr).i32(16).op('i32.add').set(ptr);
 *   });
 *   const { double } = instantiate(wasmModule([f], 1));
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

const SIMD = 0xfd;
// SIMD opcodes follow the 0xfd prefix as unsigned LEB128.
const simd = (code: number): number[] => [SIMD, ...uleb(code)];
// Only the instructions the kernels use; add more from the spec's opcode tables.
const OPCODES = {
  'i32.lt_u': [0x49], 'i32.le_u': [0x4d], 'i32.add': [0x6a], 'i32.sub': [0x6b], 'i32.mul': [0x6c], 'i32.div_u': [0x6e],
  'i32.shl': [0x74], 'i32.shr_u': [0x76],
  'f32.add': [0x92], 'f32.sub': [0x93],
  'f64.add': [0xa0], 'f64.sub': [0xa1], 'f64.mul': [0xa2], 'f64.convert_i32_s': [0xb7],
  'f32x4.splat': simd(0x13), 'i8x16.swizzle': simd(0x0e),
  'f32x4.add': simd(0xe4), 'f32x4.sub': simd(0xe5), 'f32x4.mul': simd(0xe6), 'f32x4.div': simd(0xe7),
  'f32x4.convert_i32x4_s': simd(0xfa),
  'f64x2.add': simd(0xf0), 'f64x2.sub': simd(0xf1), 'f64x2.mul': simd(0xf2),
} satisfies Record<string, readonly number[]>;
type Opcode = keyof typeof OPCODES;

// [opcode bytes, natural alignment as log2]
const MEMORY_OPCODES = {
  'i32.load': [[0x28], 2], 'i32.load8_u': [[0x2d], 0], 'i32.load16_s': [[0x2e], 1],
  'f32.load': [[0x2a], 2], 'f64.load': [[0x2b], 3], 'f64.store': [[0x39], 3],
  'v128.load': [simd(0x00), 4], 'v128.store': [simd(0x0b), 4],
} satisfies Record<string, [readonly number[], number]>;
type MemoryOpcode = keyof typeof MEMORY_OPCODES;

/** One function: parameters are locals 0 … n-1, `local()` adds more. */
export class WasmFunction {
  readonly name: string;
  readonly params: readonly ValueType[];
  private readonly locals: ValueType[] = [];
  private readonly body: number[] = [];

  constructor(name: string, params: readonly ValueType[]) {
    this.name = name;
    this.params = params;
  }

  /** Declares a local and returns its index. */
  local(type: ValueType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  get(index: number): this { return this.emit(0x20, ...uleb(index)); }
  set(index: number): this { return this.emit(0x21, ...uleb(index)); }
  tee(index: number): this { return this.emit(0x22, ...uleb(index)); }
  i32(value: number): this { return this.emit(0x41, ...sleb(value)); }
  f32(value: number): this { return this.emit(0x43, ...new Uint8Array(new Float32Array([value]).buffer)); }
  f64(value: number): this { return this.emit(0x44, ...new Uint8Array(new Float64Array([value]).buffer)); }
  v128(bytes: readonly number[]): this { return this.emit(...simd(0x0c), ...bytes); }
  op(name: Opcode): this { return this.emit(...OPCODES[name]); }

  /** A load or store with a constant byte offset added to the address on the stack. */
  mem(name: MemoryOpcode, offset = 0): this {
    const [code, align] = MEMORY_OPCODES[name];
    return this.emit(...code, ...uleb(align), ...uleb(offset));
  }

  /** i8x16.shuffle of the two vectors on the stack: byte k of the result is byte lanes[k] of a ‖ b. */
  shuffle(lanes: readonly number[]): this {
    return this.emit(...simd(0x0d), ...lanes);
  }

  /** i8x16.shuffle with 32-bit lane indexes 0 … 7. */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    return this.shuffle(lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]));
  }

  /** `while (cond) body`; cond leaves an i32 on the stack. */
  whileLoop(cond: () => void, body: () => void): this {
    this.emit(0x02, 0x40, 0x03, 0x40); // block; loop
    cond();
    this.emit(0x45, 0x0d, 1); // i32.eqz; br_if 1 (out of the block)
    body();
    return this.emit(0x0c, 0, 0x0b, 0x0b); // br 0 (loop again); end; end
  }

  /** The function's code-section entry. */
  encode(): number[] {
    const groups = this.locals.map((type) => [1, type]).flat();
    const code = [...uleb(this.locals.length), ...groups, ...this.body, 0x0b];
    return [...uleb(code.length), ...code];
  }

  private emit(...bytes: number[]): this {
    for (const byte of bytes) this.body.push(byte);
    return this;
  }
}

/** A module exporting `memory` (initial `pages` × 64 KiB) and every function by name. */
export function wasmModule(functions: readonly WasmFunction[], pages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), 0]);
  const exports = [
    [...name('memory'), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(5, vector([[0x00, ...uleb(pages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(functions.map((f) => f.encode()))),
  ]);
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return vector([...text].map((ch) => [ch.charCodeAt(0)]));
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** The exported linear memory, typed here because tsconfig's libs leave WebAssembly out. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** Compiles and instantiates synchronously (fine in Node for modules of a few kilobytes). */
export function instantiate(bytes: Uint8Array): Record<string, unknown> {
  const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  return new api.Instance(new api.Module(bytes)).exports;
}
