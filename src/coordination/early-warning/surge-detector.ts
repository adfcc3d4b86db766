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
 */
export interface SurgeOptions {
  readonly minCount: number;
  readonly alpha: number;
  readonly pValue: number;
  /** A baseline never below this many matches per bucket (new clusters start from it). */
  readonly floorRate: number;
  readonly relearnAfter: number;
}

export const DEFAULT_SURGE: SurgeOptions = { minCount: 8, alpha: 0.05, pValue: 1e-9, floorRate: 0.05, relearnAfter: 120 };

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
  const weight = s.buckets > 0 ? 1 - (1 - o.alpha) ** s.buckets : 1;
  const mu = s.mu / weight;
  const v = s.v / weight;
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
  const suspicious = Math.min(single.p, window.p) < 1e-3;
  const surge = p < o.pValue / 2;
  const started = surge && s.alarm === 0;
  if (surge) {
    if (started) s.episodes += 1;
    s.alarm += 1;
  } else s.alarm = 0;
  if ((!surge && !suspicious) || s.alarm > o.relearnAfter) learn(s, x, o.alpha);
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
  s.buckets = Math.ceil(3 / o.alpha);
  return s;
}

function learn(s: SurgeState, x: number, alpha: number): void {
  const d = x - s.mu;
  s.mu += alpha * d;
  s.v = (1 - alpha) * (s.v + alpha * d * d);
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
