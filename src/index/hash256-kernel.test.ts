import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hamming256 } from './hash256.js';
import { Hash256Kernel, KERNEL_CHUNK, type HitSink } from './hash256-kernel.js';
import { flipRandomBits, randomHashes, XorShift128 } from './hash256-random.js';

const collect = (): HitSink & { hits: [number, number][] } => {
  const hits: [number, number][] = [];
  return { hits, push: (slot, distance) => hits.push([slot, distance]) };
};

function plant(kernel: Hash256Kernel, count: number, rng: XorShift128): Uint32Array {
  kernel.ensureCapacity(count);
  kernel.words.set(randomHashes(rng, count));
  const query = kernel.words.slice(0, 8);
  // Near copies of the query at every distance 0..70 spread over the array.
  for (let d = 0; d <= 70; d++) {
    const slot = rng.below(count);
    kernel.words.set(query, slot * 8);
    flipRandomBits(rng, kernel.words, slot * 8, d);
  }
  return query;
}

test('scan finds exactly the slots the JS distance finds, across chunk boundaries', () => {
  const rng = new XorShift128(11);
  const kernel = new Hash256Kernel(16);
  const count = 3 * KERNEL_CHUNK + 123;
  const query = plant(kernel, count, rng);
  kernel.setQuery(query, 0);
  for (const d of [0, 5, 31, 63, 100, 128, 256]) {
    const sink = collect();
    kernel.scan(0, count, d, sink);
    const expected: [number, number][] = [];
    for (let s = 0; s < count; s++) {
      const dist = hamming256(kernel.words, s * 8, query, 0);
      if (dist <= d) expected.push([s, dist]);
    }
    assert.deepEqual(sink.hits, expected, `d=${d}`);
  }
});

test('scan of a sub-range reports absolute slots', () => {
  const rng = new XorShift128(12);
  const kernel = new Hash256Kernel(100);
  kernel.words.set(randomHashes(rng, 100));
  kernel.setQuery(kernel.words, 8 * 42);
  const sink = collect();
  kernel.scan(40, 50, 0, sink);
  assert.deepEqual(sink.hits, [[42, 0]]);
});

test('verify checks exactly the listed candidate slots', () => {
  const rng = new XorShift128(13);
  const kernel = new Hash256Kernel(16);
  const count = 50_000;
  const query = plant(kernel, count, rng);
  kernel.setQuery(query, 0);
  const n = KERNEL_CHUNK;
  for (let i = 0; i < n; i++) kernel.cand[i] = rng.below(count);
  const sink = collect();
  kernel.verify(n, 40, sink);
  const expected: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const s = kernel.cand[i];
    const dist = hamming256(kernel.words, s * 8, query, 0);
    if (dist <= 40) expected.push([s, dist]);
  }
  assert.deepEqual(sink.hits, expected);
});

test('growing keeps the stored hashes', () => {
  const rng = new XorShift128(14);
  const kernel = new Hash256Kernel(10);
  const words = randomHashes(rng, 10);
  kernel.words.set(words);
  kernel.ensureCapacity(500_000);
  assert.ok(kernel.capacity >= 500_000);
  assert.deepEqual(kernel.words.slice(0, 80), words);
});
