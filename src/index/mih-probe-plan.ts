import type { WordSplit } from './mih-word-split.js';

/**
 * Which tables to probe, and how far, for one query distance d.
 *
 * Pigeonhole, generalised: if every word t differed by more than r_t bits, the whole
 * hash would differ by at least Σ (r_t + 1). So choosing radii with Σ (r_t + 1) ≥ d + 1
 * guarantees that any hash within d matches some table t within r_t bits. r_t = -1
 * skips table t, so d = 0 probes one table once and d = 31 over 12 words probes
 * eight tables at radius 2 and four at radius 1 (instead of all twelve at 2).
 * Radii are chosen greedily by expected cost (probes plus candidates), which is
 * optimal because each table's marginal cost grows with its radius.
 */
export interface ProbePlan {
  /** Radius per table; -1 skips the table. */
  readonly radii: Int8Array;
  /** Expected cost in nanoseconds (see COST). */
  readonly cost: number;
}

/**
 * Rough costs per operation (ns), measured at 10M hashes on the 2-core EPYC VM, where
 * random memory access is the bottleneck (TLB and DRAM misses).
 */
export const COST = {
  /** One probed bucket: its counts line, then its postings (phase 1 + phase 2). */
  probe: 100,
  /** One candidate: copy its slot, load 32 random bytes, popcount. */
  candidate: 80,
  /** One hash in a sequential scan (memory bandwidth, ~10 GB/s). */
  scan: 3.5,
};

/** Spec: beyond 63 a linear scan is faster; our cost check usually switches earlier. */
export const MAX_MIH_DISTANCE = 63;

/** The cheapest radii for distance d over `count` indexed hashes. */
export function planProbes(split: WordSplit, count: number, d: number): ProbePlan {
  const m = split.count;
  const radii = new Int8Array(m).fill(-1);
  const perProbe = split.widths.map((b) => COST.probe + (COST.candidate * count) / 2 ** b);
  let cost = 0;
  for (let unit = 0; unit <= d; unit++) {
    let best = -1;
    let bestCost = Infinity;
    for (let t = 0; t < m; t++) {
      if (radii[t] >= split.widths[t]) continue;
      const marginal = binomial(split.widths[t], radii[t] + 1) * perProbe[t];
      if (marginal < bestCost) [best, bestCost] = [t, marginal];
    }
    if (best < 0) return { radii, cost: Infinity };
    radii[best]++;
    cost += bestCost;
  }
  return { radii, cost };
}

/** Expected nanoseconds for a linear scan of `count` hashes. */
export const linearCost = (count: number): number => count * COST.scan;

export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

const maskCache = new Map<number, Uint32Array>();

/** Every width-bit mask with at most `radius` bits set, fewest bits first (cached). */
export function probeMasks(width: number, radius: number): Uint32Array {
  const key = width * 64 + radius;
  let masks = maskCache.get(key);
  if (masks) return masks;
  let total = 0;
  for (let k = 0; k <= radius; k++) total += binomial(width, k);
  masks = new Uint32Array(total);
  let n = 0;
  const pick = (from: number, left: number, mask: number): void => {
    if (left === 0) {
      masks![n++] = mask >>> 0;
      return;
    }
    for (let bit = from; bit <= width - left; bit++) pick(bit + 1, left - 1, mask | (1 << bit));
  };
  for (let k = 0; k <= radius; k++) pick(0, k, 0);
  maskCache.set(key, masks);
  return masks;
}
