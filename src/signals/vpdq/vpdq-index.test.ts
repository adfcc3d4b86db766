import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { runIndexContract } from '../../index/index-contract.case.js';
import { flipRandomBits, XorShift128 } from '../../index/hash256-random.js';
import { hexToWords, wordsToHex } from '../../index/hash256.js';
import { compareHits } from '../../index/index-ids.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { readLinesFile, vpdqVector } from './vpdq-fixtures.test-helper.js';
import { VpdqIndex } from './vpdq-index.js';
import { vpdqDistance } from './vpdq-match.js';
import { encodeVpdq, framesOf } from './vpdq-value.js';

const randomPdq = (rng: XorShift128): string => wordsToHex(Uint32Array.from({ length: 8 }, () => rng.next()));

function nearPdq(pdq: string, bits: number, rng: XorShift128): string {
  const words = new Uint32Array(8);
  hexToWords(pdq, words, 0);
  flipRandomBits(rng, words, 0, bits);
  return wordsToHex(words);
}

/** A random "video" of 4–12 frames, a few under quality 50. */
function randomVideo(rng: XorShift128): string {
  const frames: VpdqFrame[] = [];
  const n = 4 + rng.below(9);
  for (let i = 0; i < n; i++) frames.push({ index: i * 30, quality: rng.below(6) === 0 ? 20 : 100, pdq: randomPdq(rng), timestamp: i });
  return encodeVpdq(frames);
}

/** A copy with about k/70 of its frames replaced and the rest moved by up to 40 bits: near for small k, far for large. */
function nearVideo(value: string, k: number, rng: XorShift128): string {
  const frames = framesOf(value).map((f) => (rng.below(70) < k ? { ...f, pdq: randomPdq(rng) } : { ...f, pdq: nearPdq(f.pdq, rng.below(41), rng) }));
  // Sometimes a clip: the first frames only.
  const keep = rng.below(3) === 0 ? Math.max(1, frames.length >> 1) : frames.length;
  return encodeVpdq(frames.slice(0, keep));
}

runIndexContract({
  name: 'VpdqIndex',
  create: () => new VpdqIndex(),
  distance: vpdqDistance,
  randomValue: randomVideo,
  neighbour: nearVideo,
  distances: [0, 1, 20, 50, 99, 100],
  runs: 40,
});

test('VpdqIndex agrees with brute force over the 16 sample-hash videos at every distance', () => {
  const names = readdirSync(vpdqVector('sample-hashes')).filter((n) => n.endsWith('.txt'));
  const values = names.map((n) => encodeVpdq(readLinesFile(vpdqVector('sample-hashes', n))));
  const index = new VpdqIndex();
  values.forEach((v, id) => index.add(id, v));
  const distances = values.map((q) => values.map((v) => vpdqDistance(q, v)));
  for (const maxDistance of [0, 5, 20, 60, 99, 100]) {
    values.forEach((q, qi) => {
      const expected = distances[qi]!.map((distance, id) => ({ id, distance })).filter((h) => h.distance <= maxDistance).sort(compareHits);
      assert.deepEqual(index.search(q, maxDistance), expected, `${names[qi]} at ${maxDistance}`);
    });
  }
  // The chair videos find each other, and not the pattern videos.
  const chair = names.indexOf('chair-19-sd-bar.txt');
  const hits = index.search(values[chair]!, 20).map((h) => names[h.id]!);
  assert.ok(hits.length >= 5 && hits.every((n) => n.startsWith('chair-')), hits.join(' '));
});

test('VpdqIndex shares frames between videos and keeps them until the last holder goes', () => {
  const rng = new XorShift128(11);
  const a = randomVideo(rng);
  const b = encodeVpdq(framesOf(a).map((f) => ({ ...f, index: f.index + 1 })));
  const index = new VpdqIndex();
  index.add(1, a);
  index.add(2, b);
  assert.deepEqual(index.search(a, 20), [{ id: 1, distance: 0 }, { id: 2, distance: 1 }]);
  assert.equal(index.remove(1), true);
  assert.deepEqual(index.search(a, 20), [{ id: 2, distance: 1 }]);
  index.add(1, randomVideo(rng));
  assert.deepEqual(index.search(b, 20), [{ id: 2, distance: 0 }]);
  assert.equal(index.remove(2), true);
  assert.deepEqual(index.search(b, 99), []);
  assert.equal(index.search(b, 100).length, 1);
});
