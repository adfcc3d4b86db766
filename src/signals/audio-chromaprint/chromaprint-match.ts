import { SILENCE_ITEM } from './chromaprint-fingerprinter.js';

/** Items per second of audio (one per 1365-sample hop at 11025 Hz). */
export const ITEMS_PER_SECOND = 11025 / 1365;
/** The compared segment: 80 items ≈ 9.9 s. Shorter fingerprints are compared whole. */
export const WINDOW_ITEMS = 80;
/** Bit errors charged for a position where either side is digital silence: chance level, so silence never makes a match. */
const SILENCE_COST = 16;
const BITS = 32;

/** The best matching segment of two fingerprints. */
export interface Alignment {
  /** Index in b minus index in a. */
  readonly offset: number;
  /** First item of the segment in a. */
  readonly start: number;
  /** Segment length in items. */
  readonly length: number;
  readonly bitErrors: number;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const cost = (x: number, y: number): number => (x === SILENCE_ITEM || y === SILENCE_ITEM ? SILENCE_COST : popcount32(x ^ y));

/** Segment length used for two fingerprints: WINDOW_ITEMS, or the whole shorter one. */
export const windowLength = (a: Uint32Array, b: Uint32Array): number => Math.min(WINDOW_ITEMS, a.length, b.length);

/**
 * The segment of `windowLength(a, b)` consecutive aligned items with the fewest bit
 * errors, over every offset (or only the given ones). This finds a 15-second clip inside
 * a longer recording as readily as two copies of the same recording.
 */
export function bestAlignment(a: Uint32Array, b: Uint32Array, offsets?: Iterable<number>): Alignment | undefined {
  const w = windowLength(a, b);
  if (w === 0) return undefined;
  let best: Alignment | undefined;
  const scan = (offset: number) => {
    const from = Math.max(0, -offset);
    const to = Math.min(a.length, b.length - offset);
    if (to - from < w) return;
    let errors = 0;
    for (let i = from; i < from + w; i++) errors += cost(a[i]!, b[i + offset]!);
    let minErrors = errors;
    let minStart = from;
    for (let i = from + w; i < to; i++) {
      errors += cost(a[i]!, b[i + offset]!) - cost(a[i - w]!, b[i - w + offset]!);
      if (errors < minErrors) (minErrors = errors), (minStart = i - w + 1);
    }
    if (!best || minErrors < best.bitErrors) best = { offset, start: minStart, length: w, bitErrors: minErrors };
  };
  if (offsets) for (const o of offsets) scan(o);
  else for (let o = w - a.length; o <= b.length - w; o++) scan(o);
  return best;
}

/** Bit error rate of the segment on a 0–1000 scale, rounded: the signal's distance. */
export const alignmentDistance = (al: Alignment): number => Math.round((1000 * al.bitErrors) / (BITS * al.length));

/** Chance level: unrelated audio scores about here, and nothing beyond it means anything. */
export const MAX_DISTANCE = 500;

/**
 * The brute-force distance between two fingerprints: 0 for identical ones, else the bit
 * error rate × 1000 of their best matching segment (capped at MAX_DISTANCE).
 */
export function fingerprintDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length === b.length && a.every((v, i) => v === b[i])) return 0;
  const al = bestAlignment(a, b);
  return al ? Math.min(MAX_DISTANCE, alignmentDistance(al)) : MAX_DISTANCE;
}
