import { seededRandom } from '../../util/seeded-random.js';
import { observe, seededState, type SurgeOptions } from './surge-detector.js';

/**
 * Generated traffic for measuring the surge detector (a deterministic generator: the same
 * seed gives the same figures). Each cluster has a baseline rate of matches per minute,
 * log-uniform between `minRate` and `maxRate`, with a daily cycle of ±50% at its own phase,
 * and Poisson counts per bucket. A surge adds `surgeRate` matches per minute (uniform in
 * its range) plus `surgeTimesBaseline` × its baseline from a random instant, after a day of baseline for the cluster to learn from.
 */
export interface SimulationOptions {
  readonly seed: number;
  readonly bucketMs: number;
  readonly minRate: number;
  readonly maxRate: number;
  readonly surgeRate: readonly [number, number];
  /** Plus this many times the cluster's own rate: a surge at least multiplies a busy cluster's rate. */
  readonly surgeTimesBaseline: number;
  readonly detector: SurgeOptions;
}

/** The project's seeded generator, under the name the simulation and its bench use. */
export const seeded = seededRandom;

/** A Poisson draw: Knuth's product method under 30, a rounded normal above (ample for counts). */
export function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rand();
    while (p > limit) {
      k += 1;
      p *= rand();
    }
    return k;
  }
  const u = Math.max(rand(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

interface Cluster {
  readonly rate: number;
  readonly phase: number;
}

function cluster(rand: () => number, o: SimulationOptions): Cluster {
  return { rate: o.minRate * (o.maxRate / o.minRate) ** rand(), phase: rand() * 2 * Math.PI };
}

const DAY_MS = 86_400_000;
const perBucket = (c: Cluster, t: number, bucketMs: number) => ((c.rate * bucketMs) / 60_000) * (1 + 0.5 * Math.sin((2 * Math.PI * t) / DAY_MS + c.phase));

/** Flat baselines only: how many surge alerts (episodes) `clusters` raise over `weeks` simulated weeks. */
export function falseAlerts(o: SimulationOptions, clusters: number, weeks: number): { alerts: number; clusterWeeks: number; per10kClusterWeeks: number; buckets: number } {
  const rand = seeded(o.seed);
  const buckets = Math.round((weeks * 7 * DAY_MS) / o.bucketMs);
  let alerts = 0;
  for (let i = 0; i < clusters; i++) {
    const c = cluster(rand, o);
    // Started from the cluster's long-run rate, as the monitor starts from stored match counts.
    const s = seededState((c.rate * o.bucketMs) / 60_000, o.detector);
    for (let b = 0; b < buckets; b++) if (observe(s, poisson(rand, perBucket(c, b * o.bucketMs, o.bucketMs)), o.detector).started) alerts += 1;
  }
  const clusterWeeks = clusters * weeks;
  return { alerts, clusterWeeks, per10kClusterWeeks: (alerts * 10_000) / clusterWeeks, buckets: buckets * clusters };
}

/**
 * Flat baselines start from the cluster's long-run rate (seededState), as the monitor does.
 * Surges: for each trial, a cluster learns a day of baseline, then a surge starts at a
 * random instant; the delay is from that instant to the end of the bucket whose test flags
 * it (the detector runs at bucket boundaries). Trials not flagged within `giveUpMs` count as missed.
 */
export function detectionDelays(o: SimulationOptions, trials: number, giveUpMs = 60 * 60_000): { delaysMs: number[]; missed: number; alarmsBeforeSurge: number } {
  const rand = seeded(o.seed + 1);
  const delaysMs: number[] = [];
  let missed = 0;
  let alarmsBeforeSurge = 0;
  const warm = Math.round(DAY_MS / o.bucketMs);
  for (let i = 0; i < trials; i++) {
    const c = cluster(rand, o);
    const extra = o.surgeRate[0] + (o.surgeRate[1] - o.surgeRate[0]) * rand() + o.surgeTimesBaseline * c.rate;
    const s = seededState((c.rate * o.bucketMs) / 60_000, o.detector);
    const offset = Math.floor(rand() * warm) * o.bucketMs; // a random time of day
    for (let b = 0; b < warm; b++) if (observe(s, poisson(rand, perBucket(c, offset + b * o.bucketMs, o.bucketMs)), o.detector).started) alarmsBeforeSurge += 1;
    s.alarm = 0;
    const start = warm * o.bucketMs + rand() * o.bucketMs; // inside the first surge bucket
    let found = false;
    for (let b = warm; (b - warm) * o.bucketMs < giveUpMs; b++) {
      const from = b * o.bucketMs;
      const to = from + o.bucketMs;
      const surgeShare = Math.max(0, to - Math.max(from, start)) / o.bucketMs;
      const lambda = perBucket(c, offset + from, o.bucketMs) + (extra * o.bucketMs * surgeShare) / 60_000;
      if (observe(s, poisson(rand, lambda), o.detector).surge) {
        delaysMs.push(to - start);
        found = true;
        break;
      }
    }
    if (!found) missed += 1;
  }
  return { delaysMs, missed, alarmsBeforeSurge };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
