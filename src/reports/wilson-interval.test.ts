import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { wilsonInterval } from './wilson-interval.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 5e-4, `${a} ≠ ${b}`);

test('matches published Wilson intervals', () => {
  // Brown, Cai and DasGupta (2001) and the closed form at k = 0: high = z² / (n + z²).
  const a = wilsonInterval(5, 100)!;
  close(a.rate, 0.05);
  close(a.low, 0.0215);
  close(a.high, 0.1118);
  const b = wilsonInterval(0, 10)!;
  assert.equal(b.low, 0);
  close(b.high, 0.2775);
  const c = wilsonInterval(10, 10)!;
  close(c.low, 0.7225);
  assert.equal(c.high, 1);
});

test('no trials: no interval; impossible counts are refused', () => {
  assert.equal(wilsonInterval(0, 0), null);
  assert.throws(() => wilsonInterval(3, 2), RangeError);
  assert.throws(() => wilsonInterval(-1, 2), RangeError);
});

test('the interval holds the rate and stays in [0, 1]', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([k, n]) => {
      const i = wilsonInterval(k, n)!;
      assert.ok(i.low >= 0 && i.high <= 1 && i.low <= i.rate + 1e-12 && i.rate <= i.high + 1e-12);
    }),
  );
});
