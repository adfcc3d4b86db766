import { SILENCE_ITEM } from './chromaprint-fingerprinter.js';

/** Items per second of audio (one per 1365-sample hop at 11025 Hz). */
export const ITEMS_PER_SECOND = 11025 / 1365;
/** The compared segment: 80 items ≈ 9.9 s. Shorter fingerprints are compared whole. */
export const WINDOW_ITEMS = 80;
/** Chance level on the distance scale; nothing beyond it means anything. */
export const MAX_DISTANCE = 500;
const BITS = 32;
/** Bit errors charged, and expected, where either side is digital silence: chance, so silence never makes a match. */
const VOID_BITS = 16;
/** Below this expected bit error rate a segment carries too little information to judge (a steady tone). */
const MIN_EXPECTED_BER = 0.05;

/** The best matching segment of two fingerprints. */
export interface Alignment {
  /** Index in b minus index in a. */
  readonly offset: number;
  /** First item of the segment in a. */
  readonly start: number;
  /** Segment length in items. */
  readonly length: number;
  readonly bitErrors: number;
  /** Bit errors two unrelated segments with these bit statistics would show. */
  readonly expectedErrors: number;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const isVoid = (x: number, y: number): boolean => x === SILENCE_ITEM || y === SILENCE_ITEM;
/** Bit errors of one item pair: chance where either side is silence. */
export const itemErrors = (x: number, y: number): number => (isVoid(x, y) ? VOID_BITS : popcount32(x ^ y));

/** Segment length used for two fingerprints: WINDOW_ITEMS, or the whole shorter one. */
export const windowLength = (a: Uint32Array, b: Uint32Array): number => Math.min(WINDOW_ITEMS, a.length, b.length);

/** Bit errors of items [from, from + length) of `a` against the items `offset` further on in `b`. */
export function segmentErrors(a: Uint32Array, b: Uint32Array, from: number, length: number, offset: number): number {
  let e = 0;
  for (let i = from; i < from + length; i++) e += itemErrors(a[i]!, b[i + offset]!);
  return e;
}

/** Stretches of `a` compared with `b`, each at its own offset: one for a fixed alignment, one a block for a drifting one. */
export interface Stretch {
  readonly start: number;
  readonly length: number;
  readonly offset: number;
}

/**
 * Bit errors two unrelated recordings with these bit statistics would show over the
 * stretches: Σ over bits of pa(1 − pb) + pb(1 − pa), times the non-void item pairs, plus
 * chance for void ones. Undefined when that is under MIN_EXPECTED_BER of the bits
 * compared: the stretch carries too little information to judge (a steady tone).
 * `counts` is scratch space of 64 entries, reused between calls.
 */
export function expectedErrors(a: Uint32Array, b: Uint32Array, stretches: readonly Stretch[], counts: Int32Array = new Int32Array(2 * BITS)): number | undefined {
  counts.fill(0);
  let n = 0, voids = 0, items = 0;
  for (const { start, length, offset } of stretches) {
    items += length;
    for (let i = start; i < start + length; i++) {
      const x = a[i]!, y = b[i + offset]!;
      if (isVoid(x, y)) {
        voids++;
        continue;
      }
      n++;
      for (let v = x; v !== 0; v &= v - 1) counts[31 - Math.clz32(v & -v)]!++;
      for (let v = y; v !== 0; v &= v - 1) counts[63 - Math.clz32(v & -v)]!++;
    }
  }
  let perItem = 0;
  if (n > 0) {
    for (let k = 0; k < BITS; k++) {
      const pa = counts[k]! / n, pb = counts[BITS + k]! / n;
      perItem += pa * (1 - pb) + pb * (1 - pa);
    }
  }
  const expected = n * perItem + voids * VOID_BITS;
  return expected < MIN_EXPECTED_BER * BITS * items ? undefined : expected;
}

/** Observed over chance-expected bit errors on the 0–500 scale, chance at MAX_DISTANCE. */
export const chanceDistance = (bitErrors: number, expected: number): number => Math.min(MAX_DISTANCE, Math.round((MAX_DISTANCE * bitErrors) / expected));

/**
 * Scores one alignment: finds its segment with the fewest bit errors, then weighs those
 * errors against the errors expected by chance from the bit statistics of the two
 * segments. Raw bit error rate alone would let any two stretches of noise, or two
 * tones, "match": their items keep most bits fixed. Returns undefined when the
 * overlap is shorter than the segment or the segment is uninformative.
 */
function scoreOffset(a: Uint32Array, b: Uint32Array, offset: number, w: number, counts: Int32Array): Alignment | undefined {
  const from = Math.max(0, -offset);
  const to = Math.min(a.length, b.length - offset);
  if (to - from < w) return undefined;
  let errors = segmentErrors(a, b, from, w, offset);
  let bitErrors = errors;
  let start = from;
  for (let i = from + w; i < to; i++) {
    errors += itemErrors(a[i]!, b[i + offset]!) - itemErrors(a[i - w]!, b[i - w + offset]!);
    if (errors < bitErrors) (bitErrors = errors), (start = i - w + 1);
  }
  const expected = expectedErrors(a, b, [{ start, length: w, offset }], counts);
  if (expected === undefined) return undefined;
  return { offset, start, length: w, bitErrors, expectedErrors: expected };
}

/**
 * The best-scoring alignment of `a` against `b` over every offset (or only the given
 * ones): at each offset the segment of `windowLength(a, b)` items with the fewest bit
 * errors, scored against chance. Finds a 15-second clip inside a longer recording as
 * readily as two copies of one recording.
 */
export function bestAlignment(a: Uint32Array, b: Uint32Array, offsets?: Iterable<number>): Alignment | undefined {
  const w = windowLength(a, b);
  if (w === 0) return undefined;
  const counts = new Int32Array(2 * BITS);
  let best: Alignment | undefined;
  const consider = (offset: number) => {
    const al = scoreOffset(a, b, offset, w, counts);
    if (al && (!best || al.bitErrors * best.expectedErrors < best.bitErrors * al.expectedErrors)) best = al;
  };
  if (offsets) for (const o of offsets) consider(o);
  else for (let o = w - a.length; o <= b.length - w; o++) consider(o);
  return best;
}

/** An alignment's distance: observed over chance-expected bit errors, with chance at MAX_DISTANCE (500). */
export const alignmentDistance = (al: Alignment): number => chanceDistance(al.bitErrors, al.expectedErrors);

/**
 * The brute-force distance between two fingerprints, 0..500: 0 for identical ones,
 * else the chance-weighted bit error rate of their best matching segment. For
 * unrelated audio whose bits are balanced it is about the bit error rate × 1000.
 */
export function fingerprintDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length === b.length && a.every((v, i) => v === b[i])) return 0;
  const al = bestAlignment(a, b);
  return al ? alignmentDistance(al) : MAX_DISTANCE;
}
