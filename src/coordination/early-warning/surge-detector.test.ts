import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poissonTail } from './poisson-tail.js';
import { DEFAULT_SURGE, newSurgeState, observe, seededState } from './surge-detector.js';
import { detectionDelays, falseAlerts, type SimulationOptions } from './surge-simulation.js';
import { UnionFind } from './union-find.js';

const traffic: SimulationOptions = { seed: 11, bucketMs: 60_000, minRate: 0.01, maxRate: 5, surgeRate: [5, 30], surgeTimesBaseline: 2, detector: DEFAULT_SURGE };

test('the Poisson tail matches hand-computed values', () => {
  assert.ok(Math.abs(poissonTail(10, 2) - 4.6498e-5) / 4.6498e-5 < 1e-3);
  assert.ok(Math.abs(poissonTail(1, 1) - (1 - Math.exp(-1))) < 1e-12 || poissonTail(1, 1) === 1);
  assert.equal(poissonTail(0, 3), 1);
  assert.ok(poissonTail(200, 5) < 1e-200);
});

test('a flat baseline stays quiet; a surge is flagged within 10 simulated minutes (small numbers)', () => {
  const fa = falseAlerts(traffic, 300, 1);
  assert.ok(fa.alerts <= 1, `${fa.alerts} false alerts in ${fa.clusterWeeks} cluster-weeks`);
  const { delaysMs, missed } = detectionDelays(traffic, 150);
  const within = delaysMs.filter((d) => d <= 10 * 60_000).length;
  assert.equal(within, 150, `${within} of 150 surges flagged within 10 minutes (${missed} missed)`);
});

test('the first buckets of a surge do not teach the baseline: a surge learnt in full used to hide itself', () => {
  // A cluster at about 1.7 matches a minute, then the rise that hid on generated traffic (rate 1.19/min, +8.4/min):
  // 7, 9, 11, 9 matches in the first minutes are not unusual enough to alarm at once.
  const s = seededState(1.7, DEFAULT_SURGE);
  const rise = [7, 9, 11, 9, 12, 9, 11, 9, 15, 9];
  const flagged = rise.findIndex((x) => observe(s, x).surge);
  assert.ok(flagged >= 0 && flagged < 10, `flagged at minute ${flagged + 1}`);
  assert.ok(s.mu < 2.5, `the baseline stayed near its level (μ ${s.mu.toFixed(2)})`);
});

test('sparse clusters never alert under the minimum count, and a brand-new cluster alerts on a wave', () => {
  const sparse = seededState(0.01, DEFAULT_SURGE);
  for (let i = 0; i < 5; i++) assert.equal(observe(sparse, 7, { ...DEFAULT_SURGE, minCount: 40 }).surge, false);
  const fresh = newSurgeState();
  assert.equal(observe(newSurgeState(), DEFAULT_SURGE.minCount - 1).surge, false, 'under the floor: never');
  const v = observe(fresh, 20);
  assert.equal(v.started, true);
  assert.equal(observe(fresh, 30).started, false, 'one episode, one alert');
});

test('union-find joins sets, keeps the smallest member as the name, and counts sizes', () => {
  const uf = new UnionFind();
  uf.union(5, 9);
  uf.union(9, 2);
  uf.add(7);
  assert.equal(uf.find(2), uf.find(5));
  assert.notEqual(uf.find(7), uf.find(5));
  assert.equal(uf.leastOf(9), 2);
  assert.equal(uf.sizeOf(5), 3);
  assert.deepEqual(uf.members(2).sort(), [2, 5, 9]);
});
