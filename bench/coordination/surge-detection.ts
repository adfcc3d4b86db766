import { DEFAULT_SURGE, type SurgeOptions } from '../../src/coordination/early-warning/surge-detector.js';
import { detectionDelays, falseAlerts, poisson, quantile, seeded, type SimulationOptions } from '../../src/coordination/early-warning/surge-simulation.js';
import { packageRoot } from '../../src/util/package-root.js';

/**
 * Surge detection on generated traffic (src/coordination/early-warning/surge-simulation.ts,
 * deterministic): the detector as the node runs it (EWMA baseline with a variance estimate,
 * quasi-Poisson tail tests on the bucket and on the last 5 buckets, minimum count), against
 * a naive detector as the comparison: "a bucket at least 3× the cluster's long-run mean and
 * at least minCount". Targets (issue 10): a surge flagged within 10 simulated minutes; at most
 * 1 false alert per 10,000 clusters per simulated week.
 *
 * Traffic: 1-minute buckets; baselines log-uniform 0.01–5 matches/min with a ±50% daily cycle;
 * a surge adds 5–30 matches/min plus twice the cluster's own rate.
 */
const CLUSTERS = Number(process.env.SURGE_CLUSTERS ?? 10_000);
const TRIALS = Number(process.env.SURGE_TRIALS ?? 2000);

const traffic = (detector: SurgeOptions): SimulationOptions => ({ seed: 20261205, bucketMs: 60_000, minRate: 0.01, maxRate: 5, surgeRate: [5, 30], surgeTimesBaseline: 2, detector });

export async function runSurgeDetection(): Promise<Record<string, unknown>> {
  const ours = measure('ewma-quasi-poisson', traffic(DEFAULT_SURGE));
  // The comparison: a hand-set rule, a fixed ratio to the cluster's long-run mean, on the same traffic.
  const naive = measureNaive(traffic(DEFAULT_SURGE));
  const result = {
    bench: 'surge-detection',
    at: new Date().toISOString(),
    traffic: { bucketMs: 60_000, baselinePerMinute: [0.01, 5], dailyCycle: 0.5, surgePerMinute: '5–30 + 2× baseline', clusters: CLUSTERS, weeks: 1, surgeTrials: TRIALS },
    targets: { detectionWithinMinutes: 10, falseAlertsPer10kClusterWeeks: 1 },
    ours,
    naive,
  };
  for (const m of [ours, naive]) {
    console.log(
      `  ${m.method.padEnd(24)} detection delay p50 ${m.detectionDelayMinutes.median} min, p99 ${m.detectionDelayMinutes.p99} min; flagged within 10 min ${(100 * m.flaggedWithin10Minutes).toFixed(1)}%; ` +
        `false alerts ${m.falseAlerts} in ${m.clusterWeeks} cluster-weeks (${m.falseAlertsPer10kClusterWeeks} per 10,000)`,
    );
  }
  return result;
}

function summarise(name: string, delaysMs: number[], missed: number, trials: number, fa: { alerts: number; clusterWeeks: number; per10kClusterWeeks: number }, seconds: number) {
  const d = [...delaysMs].sort((a, b) => a - b);
  return {
    method: name,
    detectionDelayMinutes: { median: round(quantile(d, 0.5) / 60_000), p99: round(quantile(d, 0.99) / 60_000), max: round((d.at(-1) ?? NaN) / 60_000) },
    flaggedWithin10Minutes: d.filter((x) => x <= 600_000).length / trials,
    missedWithinAnHour: missed,
    falseAlerts: fa.alerts,
    clusterWeeks: fa.clusterWeeks,
    falseAlertsPer10kClusterWeeks: round(fa.per10kClusterWeeks),
    seconds: round(seconds),
  };
}

function measure(name: string, o: SimulationOptions) {
  const started = performance.now();
  const fa = falseAlerts(o, CLUSTERS, 1);
  const { delaysMs, missed } = detectionDelays(o, TRIALS);
  return summarise(name, delaysMs, missed, TRIALS, fa, (performance.now() - started) / 1000);
}

/** The naive rule run on the same traffic: bucket ≥ max(minCount, 3 × long-run mean per bucket). */
function measureNaive(o: SimulationOptions) {
  const started = performance.now();
  const rand = seeded(o.seed);
  let alerts = 0;
  for (let i = 0; i < CLUSTERS; i++) {
    const rate = o.minRate * (o.maxRate / o.minRate) ** rand();
    const phase = rand() * 2 * Math.PI;
    let alarm = false;
    for (let b = 0; b < 10_080; b++) {
      const x = poisson(rand, rate * (1 + 0.5 * Math.sin((2 * Math.PI * b) / 1440 + phase)));
      const hit = x >= Math.max(o.detector.minCount, 3 * rate);
      if (hit && !alarm) alerts += 1;
      alarm = hit;
    }
  }
  const delays: number[] = [];
  let missed = 0;
  const r2 = seeded(o.seed + 1);
  for (let i = 0; i < TRIALS; i++) {
    const rate = o.minRate * (o.maxRate / o.minRate) ** r2();
    const phase = r2() * 2 * Math.PI;
    const extra = o.surgeRate[0] + (o.surgeRate[1] - o.surgeRate[0]) * r2() + o.surgeTimesBaseline * rate;
    const start = r2() * 60_000;
    let found = false;
    for (let b = 0; b < 60; b++) {
      const share = b === 0 ? (60_000 - start) / 60_000 : 1;
      const x = poisson(r2, rate * (1 + 0.5 * Math.sin((2 * Math.PI * b) / 1440 + phase)) + extra * share);
      if (x >= Math.max(o.detector.minCount, 3 * rate)) {
        delays.push((b + 1) * 60_000 - start);
        found = true;
        break;
      }
    }
    if (!found) missed += 1;
  }
  return summarise('naive-3x-long-run-mean', delays, missed, TRIALS, { alerts, clusterWeeks: CLUSTERS, per10kClusterWeeks: (alerts * 10_000) / CLUSTERS }, (performance.now() - started) / 1000);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const result = await runSurgeDetection();
  console.log(JSON.stringify(result, null, 2));
  const out = join(packageRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'surge-detection.json'), JSON.stringify(result, null, 2));
  console.log('wrote bench/results/surge-detection.json');
}
