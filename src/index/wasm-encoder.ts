/**
 * The few pieces of the WebAssembly binary format needed to hand-assemble a small
 * module (https://webassembly.github.io/spec/core/binary/). No dependency, no text
 * assembler: function bodies are written as opcode arrays (see hash256-wasm.ts).
 */

export const I32 = 0x7f;
export const I64 = 0x7e;

/** Opcodes used by our kernels (core spec, section 5.4). */
export const Op = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, void: 0x40,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, i64Load: 0x29, i32Store: 0x36,
  i32Const: 0x41,
  i32LeU: 0x4d, i32GeU: 0x4f,
  i32Add: 0x6a, i32Shl: 0x74,
  i64Popcnt: 0x7b, i64Add: 0x7c, i64Xor: 0x85,
  i32WrapI64: 0xa7,
} as const;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 for small i32 constants. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** A function type: params and results as value types. */
export const funcType = (params: number[], results: number[]): number[] => [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];

/** A function body: local declarations as [count, type] runs, then code. */
export function funcBody(locals: [number, number][], code: number[]): number[] {
  const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...code, Op.end];
  return [...uleb(body.length), ...body];
}

export interface ModuleParts {
  /** Distinct function types. */
  types: number[][];
  /** One entry per function: its type index, export name and body. */
  functions: { type: number; exportName: string; body: number[] }[];
}

/** Assembles a module that imports one memory ("env" "memory", at least 1 page) and exports its functions. */
export function assembleModule(parts: ModuleParts): Uint8Array {
  const limits = [0x00, ...uleb(1)];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(parts.types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec(parts.functions.map((f) => uleb(f.type)))),
    ...section(7, vec(parts.functions.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]))),
    ...section(10, vec(parts.functions.map((f) => f.body))),
  ];
  return Uint8Array.from(bytes);
}
