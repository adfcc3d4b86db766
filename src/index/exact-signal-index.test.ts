import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExactSignalIndex } from './exact-signal-index.js';
import type { XorShift128 } from './hash256-random.js';
import { runIndexContract } from './index-contract.case.js';

const hex = (rng: XorShift128, digits: number): string => {
  let s = '';
  while (s.length < digits) s += rng.next().toString(16).padStart(8, '0');
  return s.slice(0, digits);
};
const exactDistance = (a: string, b: string) => (a === b ? 0 : 1);

runIndexContract({ name: 'ExactSignalIndex (md5)', create: () => new ExactSignalIndex(), distance: exactDistance, randomValue: (rng) => hex(rng, 32), distances: [0] });
runIndexContract({ name: 'ExactSignalIndex (sha256)', create: () => new ExactSignalIndex(), distance: exactDistance, randomValue: (rng) => hex(rng, 64), distances: [0] });
runIndexContract({
  name: 'ExactSignalIndex (mixed md5, sha256 and plain strings)',
  create: () => new ExactSignalIndex(),
  distance: exactDistance,
  randomValue: (rng) => [hex(rng, 32), hex(rng, 64), `https://example.org/${hex(rng, 5)}`][rng.below(3)],
  distances: [0],
});

test('an id moves between digest lengths and plain strings on replace', () => {
  const index = new ExactSignalIndex();
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  index.add(1, md5);
  index.add(1, sha);
  assert.deepEqual(index.search(md5, 0), []);
  index.add(1, 'not hex');
  assert.deepEqual(index.search(sha, 0), []);
  assert.deepEqual(index.search('not hex', 0), [{ id: 1, distance: 0 }]);
  assert.equal(index.size, 1);
});

test('an md5 differing in one digit does not match', () => {
  const index = new ExactSignalIndex();
  index.add(1, 'd41d8cd98f00b204e9800998ecf8427e');
  assert.deepEqual(index.search('d41d8cd98f00b204e9800998ecf8427f', 0), []);
});
