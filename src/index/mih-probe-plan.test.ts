import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { popcount32 } from './hash256.js';
import { binomial, planProbes, probeMasks } from './mih-probe-plan.js';
import { defaultWordCount } from './mih-tables.js';
import { extractWord, MAX_WORDS, MIN_WORDS, splitWords } from './mih-word-split.js';

test('word splits cover the 256 bits exactly, widths 8..24', () => {
  for (let m = MIN_WORDS; m <= MAX_WORDS; m++) {
    const { widths, starts } = splitWords(m);
    assert.equal(widths.reduce((a, b) => a + b, 0), 256);
    widths.forEach((w, t) => {
      assert.ok(w >= 8 && w <= 24);
      assert.equal(starts[t], widths.slice(0, t).reduce((a, b) => a + b, 0));
    });
  }
  assert.throws(() => splitWords(10));
  assert.throws(() => splitWords(33));
});

test('extractWord reads bits [start, start + width) of the 256-bit integer', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 8, maxLength: 8 }), fc.integer({ min: MIN_WORDS, max: MAX_WORDS }), (ws, m) => {
    const words = Uint32Array.from(ws);
    const big = ws.reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
    const { widths, starts } = splitWords(m);
    widths.forEach((w, t) => {
      assert.equal(BigInt(extractWord(words, 0, starts[t], w)), (big >> BigInt(starts[t])) & ((1n << BigInt(w)) - 1n));
    });
  }));
});

test('probe masks are every distinct mask within the radius, fewest bits first', () => {
  for (const [width, radius] of [[16, 0], [16, 1], [21, 2], [22, 3], [8, 8]]) {
    const masks = [...probeMasks(width, radius)];
    let total = 0;
    for (let k = 0; k <= radius; k++) total += binomial(width, k);
    assert.equal(masks.length, total);
    assert.equal(new Set(masks).size, total);
    for (let i = 0; i < masks.length; i++) {
      assert.ok(masks[i] < 2 ** width && popcount32(masks[i]) <= radius);
      if (i > 0) assert.ok(popcount32(masks[i - 1]) <= popcount32(masks[i]));
    }
  }
});

test('radii satisfy the generalised pigeonhole bound Σ (r + 1) ≥ d + 1', () => {
  for (const m of [11, 12, 16, 24, 32]) {
    for (const count of [1_000, 1_000_000, 10_000_000]) {
      for (let d = 0; d <= 63; d++) {
        const { radii } = planProbes(splitWords(m), count, d);
        assert.ok(radii.reduce((sum, r) => sum + r + 1, 0) >= d + 1, `m=${m} d=${d}`);
      }
    }
  }
});

test('d = 31 over 12 words at 10M: eight tables at radius 2, four at radius 1', () => {
  const { radii } = planProbes(splitWords(12), 10_000_000, 31);
  assert.deepEqual([...radii].sort(), [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
  assert.deepEqual([...planProbes(splitWords(16), 10_000_000, 31).radii], new Array(16).fill(1));
  assert.equal(planProbes(splitWords(16), 10_000_000, 0).radii.filter((r) => r >= 0).length, 1);
});

test('default word count grows the words with the index size', () => {
  assert.equal(defaultWordCount(10_000_000), 11);
  assert.equal(defaultWordCount(1_000_000), 13);
  assert.ok(defaultWordCount(100) <= MAX_WORDS);
});
