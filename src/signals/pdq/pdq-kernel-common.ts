import { I32, type ValueType, type WasmFunction } from './pdq-wasm-builder.js';

/**
 * Shared pieces of the Jarosz kernels. A row filter is a running sum along a row, a
 * serial chain; to vectorise it the image is taken BLOCK_ROWS rows at a time and
 * stored "interleaved": for each column its BLOCK_ROWS values side by side, so one
 * step of the sum advances BLOCK_ROWS / 4 independent vectors (enough in flight to
 * hide the add latency). Column filters work on ordinary row-major rows, four columns
 * per vector. Kernels convert between the layouts with 4×4 transposes.
 */
export const BLOCK_ROWS = 16;
export const QUADS = BLOCK_ROWS / 4;
/** Bytes of one interleaved column. */
export const COLUMN_BYTES = BLOCK_ROWS * 4;

export function locals(f: WasmFunction, type: ValueType, count: number): number[] {
  return Array.from({ length: count }, () => f.local(type));
}

/** 16 bytes of a v128.const with `value` as float32 in all four lanes. */
export function splat(value: number): number[] {
  return [...new Uint8Array(new Float32Array([value, value, value, value]).buffer)];
}

/** out[j] = lane j of input[0 … 3]: a 4×4 transpose of 32-bit lanes. */
export function transpose(f: WasmFunction, input: number[], out: number[], tmp: number[]): void {
  f.get(input[0]).get(input[1]).shuffle32([0, 4, 1, 5]).set(tmp[0]);
  f.get(input[0]).get(input[1]).shuffle32([2, 6, 3, 7]).set(tmp[1]);
  f.get(input[2]).get(input[3]).shuffle32([0, 4, 1, 5]).set(tmp[2]);
  f.get(input[2]).get(input[3]).shuffle32([2, 6, 3, 7]).set(tmp[3]);
  f.get(tmp[0]).get(tmp[2]).shuffle32([0, 1, 4, 5]).set(out[0]);
  f.get(tmp[0]).get(tmp[2]).shuffle32([2, 3, 6, 7]).set(out[1]);
  f.get(tmp[1]).get(tmp[3]).shuffle32([0, 1, 4, 5]).set(out[2]);
  f.get(tmp[1]).get(tmp[3]).shuffle32([2, 3, 6, 7]).set(out[3]);
}

export interface BlockWalk {
  /** Local: first row-major row of the block. */
  readonly rows: number;
  /** Local: bytes from one row-major row to the next. */
  readonly rowBytes: number;
  /** Bytes a row-major row advances per four columns (16 for floats, 4·bpp for pixels). */
  readonly step: number;
  /** Local: the interleaved block. */
  readonly block: number;
  /** Local: columns to cover; the walk rounds up to a multiple of 4. */
  readonly cols: number;
}

/**
 * Visits a block four columns at a time; for each, the row quads q = 0 … QUADS−1
 * (unrolled): body(row, column, q) where row(i) pushes the address of row 4q+i at the
 * current four columns, and `column` holds the interleaved address of the first of
 * them (rows 4q … 4q+3 sit at byte offset 16q; the next column is COLUMN_BYTES on).
 * Finishing each interleaved column's cache line in one visit is what makes it fast.
 */
export function walkBlock(
  f: WasmFunction, walk: BlockWalk, body: (row: (i: number) => void, column: number, q: number) => void,
): void {
  const [at, column, end] = locals(f, I32, 3);
  f.get(walk.rows).set(at);
  f.get(walk.block).set(column);
  f.get(walk.cols).i32(3).op('i32.add').i32(4).op('i32.div_u').i32(4 * COLUMN_BYTES).op('i32.mul');
  f.get(walk.block).op('i32.add').set(end);
  f.whileLoop(() => f.get(column).get(end).op('i32.lt_u'), () => {
    for (let q = 0; q < QUADS; q++) {
      const row = (i: number) => {
        f.get(at);
        if (4 * q + i > 0) f.get(walk.rowBytes).i32(4 * q + i).op('i32.mul').op('i32.add');
      };
      body(row, column, q);
    }
    f.get(at).i32(walk.step).op('i32.add').set(at);
    f.get(column).i32(4 * COLUMN_BYTES).op('i32.add').set(column);
  });
}
