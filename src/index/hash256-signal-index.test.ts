import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hammingHex } from './hash256.js';
import { flipHexBits, randomHashHex, type XorShift128 } from './hash256-random.js';
import { Hash256SignalIndex } from './hash256-signal-index.js';
import { runIndexContract } from './index-contract.case.js';
import type { SignalIndex } from './signal-index.js';

const hash256Values = {
  distance: hammingHex,
  randomValue: randomHashHex,
  neighbour: (value: string, k: number, rng: XorShift128) => flipHexBits(rng, value, k),
  distances: [0, 1, 2, 5, 15, 16, 31, 32, 47, 63, 64, 100, 256],
};

const subjects: [string, () => SignalIndex][] = [
  ['Hash256SignalIndex (default)', () => new Hash256SignalIndex()],
  ['Hash256SignalIndex (linear)', () => new Hash256SignalIndex({ structure: 'linear' })],
  ['Hash256SignalIndex (mih, merge before every search)', () => new Hash256SignalIndex({ mih: { minDelta: 0, deltaFraction: 0, alwaysProbe: true } })],
  ['Hash256SignalIndex (mih, 12 words, merge after 8 adds)', () => new Hash256SignalIndex({ mih: { wordCount: 12, minDelta: 8, alwaysProbe: true } })],
  ['Hash256SignalIndex (mih, 16 words, merge after 8 adds)', () => new Hash256SignalIndex({ mih: { wordCount: 16, minDelta: 8, alwaysProbe: true } })],
];
for (const [name, create] of subjects) runIndexContract({ name, create, ...hash256Values, runs: 40 });

test('rejects values that are not 64 hex digits, leaving the index unchanged', () => {
  const index = new Hash256SignalIndex();
  index.add(1, 'ab'.repeat(32));
  assert.throws(() => index.add(1, 'xyz'), { code: 'SIGNAL_VALUE_INVALID' });
  assert.throws(() => index.search('ab'.repeat(31), 31), { code: 'SIGNAL_VALUE_INVALID' });
  assert.deepEqual(index.search('ab'.repeat(32), 0), [{ id: 1, distance: 0 }]);
});

test('fromEntries keeps the last value of a repeated id', () => {
  const index = Hash256SignalIndex.fromEntries([[1, 'a'.repeat(64)], [2, 'b'.repeat(64)], [1, 'c'.repeat(64)]]);
  assert.equal(index.size, 2);
  assert.deepEqual(index.search('c'.repeat(64), 0), [{ id: 1, distance: 0 }]);
  assert.deepEqual(index.search('a'.repeat(64), 0), []);
});
