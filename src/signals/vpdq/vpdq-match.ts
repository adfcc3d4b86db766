import { HASH256_WORDS, hexToWords, popcount32 } from '../../index/hash256.js';
import { VPDQ_FRAME_DISTANCE, VPDQ_MIN_QUALITY, type VpdqFrame } from './vpdq-frame.js';
import { framesOf } from './vpdq-value.js';

/** Match when this share of the query's frames (%) is found in the compared video (pytx default). */
export const VPDQ_QUERY_MATCH_PERCENT = 80;
/** `distance` when the two values are identical. Otherwise it is at least 1. */
const SAME_VALUE = 0;
/** `distance` of two videos that share no frame. */
export const VPDQ_NO_OVERLAP_DISTANCE = 100;

/** The distinct PDQ hashes of the frames that take part in matching: quality ≥ 50, exact repeats dropped. */
export function matchableHashes(frames: readonly VpdqFrame[]): string[] {
  const seen = new Set<string>();
  for (const f of frames) if (f.quality >= VPDQ_MIN_QUALITY) seen.add(f.pdq);
  return [...seen];
}

/** Shares of two videos' matchable frames found in each other, in percent (0 when a side has none). */
export interface VpdqComparison {
  /** q%: the query's frames with a frame of the compared video within 31 bits. */
  readonly queryPercent: number;
  /** c%: the compared video's frames with a frame of the query within 31 bits. */
  readonly comparedPercent: number;
}

/** How many frames of each side have a partner on the other side; the counts behind both percentages. */
export interface VpdqOverlap {
  readonly queryFrames: number;
  readonly queryMatched: number;
  readonly comparedFrames: number;
  readonly comparedMatched: number;
}

/**
 * The brute-force comparison of python-threatexchange's `match_VPDQ_hash_brute`:
 * drop frames under quality 50, de-duplicate exact hashes, then count each side's frames
 * that have a frame of the other within 31 bits.
 *
 * @example
 *   const { queryPercent, comparedPercent } = compareVpdq(clipFrames, fullVideoFrames);   // 100, 23.5
 */
export function compareVpdq(query: readonly VpdqFrame[], compared: readonly VpdqFrame[]): VpdqComparison {
  return percentages(overlap(matchableHashes(query), matchableHashes(compared)));
}

/** The pytx decision: q% ≥ `minQueryPercent` (80) and c% ≥ `minComparedPercent` (0). */
export function isVpdqMatch(c: VpdqComparison, minQueryPercent = VPDQ_QUERY_MATCH_PERCENT, minComparedPercent = 0): boolean {
  return c.queryPercent >= minQueryPercent && c.comparedPercent >= minComparedPercent;
}

export function percentages(o: VpdqOverlap): VpdqComparison {
  return { queryPercent: percent(o.queryMatched, o.queryFrames), comparedPercent: percent(o.comparedMatched, o.comparedFrames) };
}

const percent = (matched: number, total: number): number => (total === 0 ? 0 : (matched * 100) / total);

/** Counts partners both ways in one pass over every pair of distinct matchable hashes. */
export function overlap(query: readonly string[], compared: readonly string[]): VpdqOverlap {
  const q = toWords(query);
  const c = toWords(compared);
  const qHit = new Uint8Array(query.length);
  const cHit = new Uint8Array(compared.length);
  for (let i = 0; i < query.length; i++) {
    const qi = i * HASH256_WORDS;
    for (let j = 0; j < compared.length; j++) {
      if (within(q, qi, c, j * HASH256_WORDS)) qHit[i] = cHit[j] = 1;
    }
  }
  return { queryFrames: query.length, queryMatched: sum(qHit), comparedFrames: compared.length, comparedMatched: sum(cHit) };
}

/**
 * The `vpdq` distance, symmetric as SignalType requires: 0 for identical values;
 * otherwise 100 − ⌊max(q%, c%)⌋, at least 1. So distance ≤ 20 ⇔ one video has ≥ 80 % of
 * its matchable frames in the other: a copy, a clip of a known video (q%), or a known
 * video inside a longer upload (c%); 100 when no frame matches.
 */
export function distanceFromOverlap(o: VpdqOverlap): number {
  const best = Math.max(Math.floor((o.queryMatched * 100) / Math.max(1, o.queryFrames)), Math.floor((o.comparedMatched * 100) / Math.max(1, o.comparedFrames)));
  return Math.max(1, VPDQ_NO_OVERLAP_DISTANCE - best);
}

/** Brute-force `vpdq` distance between two validated values; the reference for VpdqIndex. */
export function vpdqDistance(a: string, b: string): number {
  if (a === b) return SAME_VALUE;
  return distanceFromOverlap(overlap(matchableHashes(framesOf(a)), matchableHashes(framesOf(b))));
}

/** Hamming distance ≤ 31, giving up as soon as it is passed. */
function within(a: Uint32Array, aOff: number, b: Uint32Array, bOff: number): boolean {
  let d = 0;
  for (let k = 0; k < HASH256_WORDS && d <= VPDQ_FRAME_DISTANCE; k++) d += popcount32(a[aOff + k]! ^ b[bOff + k]!);
  return d <= VPDQ_FRAME_DISTANCE;
}

/**
 * q% and c% of a query value against a known value, for match reports: the distance
 * says a match happened, these say how (a clip of the known video: high q%, low c%).
 *
 * @example
 *   vpdqMatchDetails(uploaded, known);   // { queryPercent: 100, comparedPercent: 43.5 }
 */
export function vpdqMatchDetails(query: string, known: string): VpdqComparison {
  return compareVpdq(framesOf(query), framesOf(known));
}

function toWords(hashes: readonly string[]): Uint32Array {
  const words = new Uint32Array(hashes.length * HASH256_WORDS);
  hashes.forEach((h, i) => hexToWords(h, words, i * HASH256_WORDS));
  return words;
}

function sum(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}
