import { poissonTail } from './poisson-tail.js';

/**
 * Surge detection on a cluster's match counts per bucket (docs/early-warning.md).
 *
 * Method: each cluster keeps its own baseline, an exponentially weighted moving average μ
 * of its counts per bucket, and an EWMA variance v. A bucket's count x is a surge when
 *   x ≥ minCount                                   (a floor: sparse clusters never alert), and
 *   P(X ≥ x) < pValue  for X quasi-Poisson with mean λ and dispersion φ,
 * where λ = max(μ, λ₀) + 2·se(μ) is the (bias-corrected) baseline raised by twice its standard error
 * (so a short or noisy history does not make the test trigger-happy), and φ = v/λ clamped
 * to [1, 20] (counts burstier than Poisson widen the test instead of alarming). The tail is
 * computed as Poisson(λ/φ) at ⌈x/φ⌉. The same test runs on the sum of the last 5 buckets
 * against 5λ, for a sustained rise too small to stand out in one bucket; each test gets half
 * of pValue, the false-alarm probability per cluster and bucket on a steady baseline
 * (1e-9 × 10,080 one-minute buckets a week ≈ 1e-5 per cluster-week).
 *
 * While a cluster surges its baseline is frozen (a surge must not teach the detector that
 * surging is normal); after `relearnAfter` buckets in alarm it learns again, so a lasting
 * new level ends the episode. An episode is one alert: later buckets of it repeat it.
 *
 * Learning is robust, because the first buckets of a surge are often not yet unusual
 * enough to be held back (then p ≥ 1e-3) and used to be learnt in full: each raised μ and,
 * squared, inflated v, so φ grew, the tests went blunt, and more surge buckets were learnt.
 * On generated traffic that runaway hid 4 surges of 2,000 for over an hour. So a bucket is
 * learnt clipped to μ + `clip`·sd (sd = √max(v, μ, λ₀)): one bucket moves μ by at most
 * α·clip sd; and v learns `varianceAlpha` per bucket, five times slower than μ, so a few
 * surge buckets cannot inflate φ before the window test sees the rise. Under a steady
 * baseline the clip (3 sd) seldom bites and the slower v is only a longer average. And a
 * bucket is held back (not learnt) when either test gives p < `holdBack` (1e-2, was 1e-3):
 * about 1% of a steady baseline's buckets, whose absence lowers μ by a few per cent at most,
 * against a surge's early buckets that no longer raise the baseline it is tested against.
 */
export interface SurgeOptions {
  readonly minCount: number;
  readonly alpha: number;
  readonly pValue: number;
  /** A baseline never below this many matches per bucket (new clusters start from it). */
  readonly floorRate: number;
  readonly relearnAfter: number;
  /** EWMA weight of the variance per bucket: slower than `alpha`, so a short rise cannot inflate φ. */
  readonly varianceAlpha: number;
  /** A bucket is learnt clipped to μ + clip·sd (a robust, winsorised EWMA). */
  readonly clip: number;
  /** A bucket whose test gives p under this is not learnt (a surge may be building up). */
  readonly holdBack: number;
}

export const DEFAULT_SURGE: SurgeOptions = { minCount: 8, alpha: 0.05, pValue: 1e-9, floorRate: 0.05, relearnAfter: 120, varianceAlpha: 0.01, clip: 3, holdBack: 1e-2 };

export interface SurgeState {
  mu: number;
  v: number;
  buckets: number;
  alarm: number; // buckets in the current episode (0: none)
  episodes: number;
  /** The last WINDOW bucket counts, newest last: a slower surge shows in their sum first. */
  recent: number[];
}

/** Buckets summed for the second test (a sustained rise too small to stand out in one bucket). */
export const WINDOW = 5;

export const newSurgeState = (): SurgeState => ({ mu: 0, v: 0, buckets: 0, alarm: 0, episodes: 0, recent: [] });

export interface SurgeVerdict {
  readonly surge: boolean;
  /** True on the first bucket of an episode: the one that raises the alert. */
  readonly started: boolean;
  readonly expected: number;
  readonly p: number;
}

/** The test of `x` matches over `span` buckets against the baseline (see the method above). */
export function surgeTest(s: SurgeState, x: number, o: SurgeOptions, span = 1): { p: number; expected: number } {
  // Bias-corrected EWMA (it starts at 0): the weight the history has gathered so far.
  const { mu, v } = corrected(s, o);
  const base = Math.max(mu, o.floorRate);
  // Standard error of the mean over the buckets the EWMA effectively averages, with Poisson variance at least.
  const effective = Math.max(1, Math.min(s.buckets, (2 - o.alpha) / o.alpha));
  const lambda = span * (base + 2 * Math.sqrt(Math.max(v, base) / effective));
  if (x <= lambda) return { p: 1, expected: lambda };
  const phi = Math.min(20, Math.max(1, v / (lambda / span)));
  return { p: poissonTail(Math.ceil(x / phi), lambda / phi), expected: lambda };
}

/**
 * Tests one bucket's count against the cluster's baseline, then learns from it. Two tests,
 * each at half the false-alarm budget: the bucket alone (a sudden wave), and the sum of the
 * last WINDOW buckets (a sustained rise), each subject to the minimum count.
 */
export function observe(s: SurgeState, x: number, o: SurgeOptions = DEFAULT_SURGE): SurgeVerdict {
  s.recent.push(x);
  if (s.recent.length > WINDOW) s.recent.shift();
  const sum = s.recent.reduce((a, b) => a + b, 0);
  const single = x >= 1 ? surgeTest(s, x, o) : { p: 1, expected: 0 };
  const window = s.recent.length === WINDOW && sum >= 1 ? surgeTest(s, sum, o, WINDOW) : { p: 1, expected: 0 };
  let { p, expected } = x >= o.minCount ? single : { p: 1, expected: single.expected };
  if (sum >= o.minCount && window.p < p) ({ p, expected } = { p: window.p, expected: window.expected / WINDOW });
  // A bucket that already looks unusual (a surge building up) is not learnt from: a slow
  // rise must not become the baseline (or inflate its variance) before it is flagged.
  const suspicious = Math.min(single.p, window.p) < o.holdBack;
  const surge = p < o.pValue / 2;
  const started = surge && s.alarm === 0;
  if (surge) {
    if (started) s.episodes += 1;
    s.alarm += 1;
  } else s.alarm = 0;
  if ((!surge && !suspicious) || s.alarm > o.relearnAfter) learn(s, x, o);
  return { surge, started, expected, p };
}

/**
 * Starts a cluster's baseline from a known long-run rate (matches per bucket), as if it
 * had been watched for the EWMA's whole memory: after a restart, a busy cluster is not
 * mistaken for a surging one. The monitor takes the rate from the stored match counts.
 */
export function seededState(ratePerBucket: number, o: SurgeOptions): SurgeState {
  const s = newSurgeState();
  s.mu = ratePerBucket;
  s.v = ratePerBucket;
  s.buckets = Math.ceil(3 / Math.min(o.alpha, o.varianceAlpha));
  return s;
}

/** μ and v corrected for the EWMAs' start at 0 (the weight their history has gathered so far). */
function corrected(s: SurgeState, o: SurgeOptions): { mu: number; v: number } {
  const weight = (alpha: number) => (s.buckets > 0 ? 1 - (1 - alpha) ** s.buckets : 1);
  return { mu: s.mu / weight(o.alpha), v: s.v / weight(o.varianceAlpha) };
}

function learn(s: SurgeState, x: number, o: SurgeOptions): void {
  const { mu, v } = corrected(s, o);
  const clipped = Math.min(x, mu + o.clip * Math.sqrt(Math.max(v, mu, o.floorRate)));
  const d = clipped - s.mu;
  s.mu += o.alpha * d;
  const dv = clipped - mu;
  s.v = (1 - o.varianceAlpha) * (s.v + o.varianceAlpha * dv * dv);
  s.buckets += 1;
}

/** Two clusters became one: their baselines add up (sums of independent counts). */
export function mergeStates(into: SurgeState, from: SurgeState): void {
  into.mu += from.mu;
  into.v += from.v;
  into.buckets = Math.max(into.buckets, from.buckets);
  into.alarm = Math.max(into.alarm, from.alarm);
  into.episodes += from.episodes;
  const a = into.recent;
  const b = from.recent;
  const n = Math.max(a.length, b.length);
  into.recent = Array.from({ length: n }, (_, i) => (a[a.length - n + i] ?? 0) + (b[b.length - n + i] ?? 0));
}
