import { chanceDistance, expectedErrors, MAX_DISTANCE, segmentErrors, WINDOW_ITEMS } from './chromaprint-match.js';

/** Items per block: the alignment may move by one item between consecutive blocks (≈ 2 s), i.e. follow a drift of up to ±6%. */
export const DRIFT_BLOCK = 16;

/** The best drifting alignment: one offset per block, neighbours at most one item apart. */
export interface DriftAlignment {
  /** First item of the aligned stretch in a. */
  readonly start: number;
  /** Offset (index in b minus index in a) of each block. */
  readonly offsets: readonly number[];
  readonly bitErrors: number;
  readonly expectedErrors: number;
}

/**
 * Segment-wise alignment that tolerates drift: `a` is cut into blocks of DRIFT_BLOCK
 * items; each block may sit at its own offset in `b`, within one item of the previous
 * block's. The stretch of WINDOW_ITEMS (80 items, 5 blocks) whose chain of offsets has
 * the fewest bit errors wins, found by dynamic programming over (block, offset) in
 * O(blocks × offsets) per chain link. A whole-recording offset (chromaprint-match.ts)
 * loses a tempo change of 5% after 20 items; this keeps it for the whole window.
 *
 * @example
 *   driftAlignment(queryAt103Percent, known)?.offsets;   // e.g. [40, 40, 41, 41, 42]
 */
export function driftAlignment(a: Uint32Array, b: Uint32Array): DriftAlignment | undefined {
  const blocks = Math.floor(a.length / DRIFT_BLOCK);
  const chain = Math.max(1, Math.min(Math.floor(WINDOW_ITEMS / DRIFT_BLOCK), blocks, Math.floor(b.length / DRIFT_BLOCK)));
  if (blocks === 0 || b.length < DRIFT_BLOCK) return undefined;
  // Offsets o such that block k lies inside b for some k: o ∈ [-(a.length), b.length).
  const lo = -a.length;
  const span = a.length + b.length;
  const INF = 1 << 30;
  const errors = new Int32Array(blocks * span).fill(INF);
  for (let k = 0; k < blocks; k++) {
    const from = k * DRIFT_BLOCK;
    for (let s = 0; s < span; s++) {
      const o = s + lo;
      if (from + o < 0 || from + DRIFT_BLOCK + o > b.length) continue;
      errors[k * span + s] = segmentErrors(a, b, from, DRIFT_BLOCK, o);
    }
  }
  // best[k][s]: fewest errors of a chain of `length` blocks ending at block k with offset s.
  let best = errors.slice();
  const back: Int8Array[] = [];
  for (let length = 2; length <= chain; length++) {
    const next = new Int32Array(blocks * span).fill(INF);
    const step = new Int8Array(blocks * span);
    for (let k = length - 1; k < blocks; k++) {
      for (let s = 0; s < span; s++) {
        const here = errors[k * span + s]!;
        if (here >= INF) continue;
        let m = INF, d = 0;
        for (let dd = -1; dd <= 1; dd++) {
          const t = s + dd;
          if (t < 0 || t >= span) continue;
          const v = best[(k - 1) * span + t]!;
          if (v < m) (m = v), (d = dd);
        }
        if (m >= INF) continue;
        next[k * span + s] = m + here;
        step[k * span + s] = d;
      }
    }
    best = next;
    back.push(step);
  }
  let bestAt = -1;
  for (let c = 0; c < best.length; c++) if (best[c]! < INF && (bestAt < 0 || best[c]! < best[bestAt]!)) bestAt = c;
  if (bestAt < 0) return undefined;
  const lastBlock = Math.floor(bestAt / span);
  const offsets = new Array<number>(chain);
  let s = bestAt % span;
  offsets[chain - 1] = s + lo;
  for (let j = chain - 2; j >= 0; j--) {
    s += back[j]![(lastBlock - (chain - 2 - j)) * span + s]!;
    offsets[j] = s + lo;
  }
  const start = (lastBlock - chain + 1) * DRIFT_BLOCK;
  // Chance is judged over the chain's item pairs, block by block, on the same scale as a fixed alignment's.
  const expected = expectedErrors(a, b, offsets.map((offset, j) => ({ start: start + j * DRIFT_BLOCK, length: DRIFT_BLOCK, offset })));
  if (expected === undefined) return undefined;
  return { start, offsets, bitErrors: best[bestAt]!, expectedErrors: expected };
}

/**
 * The drift-tolerant distance, 0–500 on chromaprint-match.ts's chance-weighted scale:
 * 0 for identical fingerprints, else observed over expected bit errors of the best
 * drifting alignment (either way round: the shorter side is cut into blocks).
 */
export function driftDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length === b.length && a.every((v, i) => v === b[i])) return 0;
  // The shorter side is cut into blocks; for equal lengths both ways, so the distance stays symmetric.
  if (a.length > b.length) return scored(driftAlignment(b, a));
  if (a.length < b.length) return scored(driftAlignment(a, b));
  return Math.min(scored(driftAlignment(a, b)), scored(driftAlignment(b, a)));
}

const scored = (al: DriftAlignment | undefined): number => (al ? chanceDistance(al.bitErrors, al.expectedErrors) : MAX_DISTANCE);
