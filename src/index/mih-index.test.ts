import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { flipRandomBits, randomHashes, XorShift128 } from './hash256-random.js';
import { LinearScanIndex } from './linear-scan-index.js';
import { MihIndex, type MihOptions } from './mih-index.js';

const QUERY_DISTANCES = [...Array.from({ length: 64 }, (_, d) => d), 64, 80, 128, 256];

/** `count` random hashes plus, for each query, planted neighbours at every distance 0..63. */
function plantedData(seed: number, count: number, queries: number) {
  const rng = new XorShift128(seed);
  const query = randomHashes(rng, queries);
  const total = count + queries * 64;
  const words = new Uint32Array(total * 8);
  words.set(randomHashes(rng, count));
  let n = count;
  for (let q = 0; q < queries; q++) {
    for (let d = 0; d < 64; d++, n++) {
      words.set(query.subarray(q * 8, q * 8 + 8), n * 8);
      flipRandomBits(rng, words, n * 8, d);
    }
  }
  // Ids in shuffled order so that slots and ids differ.
  const ids = Uint32Array.from({ length: total }, (_, i) => i * 2654435761 % 4294967291);
  return { rng, words, ids, total, query };
}

function assertSame(mih: MihIndex, linear: LinearScanIndex, query: Uint32Array, q: number, distances = QUERY_DISTANCES): void {
  for (const d of distances) assert.deepEqual(mih.search(query, q * 8, d), linear.search(query, q * 8, d), `query ${q} d=${d}`);
}

const CONFIGS: [string, MihOptions][] = [
  ['default words, cost model', {}],
  ['12 words, always probe', { wordCount: 12, alwaysProbe: true }],
  ['16 words, always probe', { wordCount: 16, alwaysProbe: true }],
  ['11 words, always probe', { wordCount: 11, alwaysProbe: true }],
  ['32 words, always probe', { wordCount: 32, alwaysProbe: true }],
];

describe('MihIndex against the linear scan', () => {
  for (const [label, options] of CONFIGS) {
    test(`bulk build (${label}): planted neighbours at every distance 0–63, queries at 0–63 and beyond`, () => {
      const { words, ids, total, query } = plantedData(21, 20_000, 4);
      const mih = MihIndex.build(words, ids, total, options);
      const linear = LinearScanIndex.build(words, ids, total);
      for (let q = 0; q < 4; q++) assertSame(mih, linear, query, q);
      const hits31 = mih.search(query, 0, 31);
      assert.ok(hits31.length >= 32, 'finds at least the 32 planted neighbours within 31');
    });
  }

  test('adds, removals and replacements interleaved with queries, then after compaction', () => {
    const { rng, words, ids, total, query } = plantedData(22, 5_000, 3);
    const half = Math.floor(total / 2);
    const mih = MihIndex.build(words.subarray(0, half * 8), ids.subarray(0, half), half, { wordCount: 16, alwaysProbe: true, minDelta: 300 });
    const linear = LinearScanIndex.build(words.subarray(0, half * 8), ids.subarray(0, half), half);
    for (let i = half; i < total; i++) {
      mih.add(ids[i], words, i * 8);
      linear.add(ids[i], words, i * 8);
      if (i % 7 === 0) {
        const victim = ids[rng.below(i)];
        assert.equal(mih.remove(victim), linear.remove(victim));
      }
      if (i % 11 === 0) {
        const target = ids[rng.below(i)];
        const other = rng.below(total);
        mih.add(target, words, other * 8);
        linear.add(target, words, other * 8);
      }
      if (i % 97 === 0) assertSame(mih, linear, query, rng.below(3), [0, 7, 31, 63, 64]);
    }
    assert.equal(mih.size, linear.size);
    for (let q = 0; q < 3; q++) assertSame(mih, linear, query, q);
    mih.compact();
    assert.equal(mih.deltaCount, 0);
    for (let q = 0; q < 3; q++) assertSame(mih, linear, query, q);
  });

  // Short words here: each merge rebuilds every table, and 11–12 words allocate 134–450 MB of offsets.
  test('random operation sequences match the linear scan (fast-check)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), id: fc.nat(300), src: fc.nat(10_000), flips: fc.nat(40) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.nat(300) }),
      fc.record({ kind: fc.constant('compact' as const) }),
      fc.record({ kind: fc.constant('search' as const), src: fc.nat(10_000), flips: fc.nat(70), d: fc.constantFrom(...QUERY_DISTANCES) }),
    );
    const { words, ids, total } = plantedData(23, 2_000, 2);
    fc.assert(
      fc.property(fc.integer(), fc.array(op, { maxLength: 80 }), fc.constantFrom(16, 20, 32), (seed, ops, wordCount) => {
        const rng = new XorShift128(seed);
        const mih = MihIndex.build(words, ids, total, { wordCount, alwaysProbe: true, minDelta: 20 });
        const linear = LinearScanIndex.build(words, ids, total);
        const scratch = new Uint32Array(8);
        for (const o of ops) {
          if (o.kind === 'compact') {
            mih.compact();
            continue;
          }
          if (o.kind === 'remove') {
            assert.equal(mih.remove(o.id), linear.remove(o.id));
            continue;
          }
          scratch.set(words.subarray((o.src % total) * 8, (o.src % total) * 8 + 8));
          flipRandomBits(rng, scratch, 0, o.flips);
          if (o.kind === 'add') {
            mih.add(o.id, scratch, 0);
            linear.add(o.id, scratch, 0);
          } else {
            assert.deepEqual(mih.search(scratch, 0, o.d), linear.search(scratch, 0, o.d));
          }
        }
        assert.equal(mih.size, linear.size);
      }),
      { numRuns: 30 },
    );
  });

  test('an index filled only by add merges its delta on search and still matches', () => {
    const { words, ids, total, query } = plantedData(24, 9_000, 2);
    const mih = new MihIndex({ minDelta: 1000 });
    const linear = new LinearScanIndex();
    for (let i = 0; i < total; i++) {
      mih.add(ids[i], words, i * 8);
      linear.add(ids[i], words, i * 8);
    }
    assert.equal(mih.deltaCount, total);
    assertSame(mih, linear, query, 0);
    assert.equal(mih.deltaCount, 0);
    assert.ok(mih.wordSplit !== null);
    assertSame(mih, linear, query, 1);
  });

  test('heavy duplicates (buckets of 255 and more) are found through the wide-block escape', () => {
    const rng = new XorShift128(26);
    const count = 5_000;
    const words = randomHashes(rng, count);
    const hot = words.slice(0, 8);
    for (let i = 1; i < 1_200; i++) {
      words.set(hot, i * 8);
      if (i >= 600) flipRandomBits(rng, words, i * 8, 1 + (i % 40));
    }
    const ids = Uint32Array.from({ length: count }, (_, i) => count - i);
    for (const wordCount of [11, 16]) {
      const mih = MihIndex.build(words, ids, count, { wordCount, alwaysProbe: true });
      const linear = LinearScanIndex.build(words, ids, count);
      for (const d of [0, 1, 10, 31, 63]) assert.deepEqual(mih.search(hot, 0, d), linear.search(hot, 0, d));
      assert.ok(mih.search(hot, 0, 0).length >= 600);
      for (let i = 0; i < 700; i += 3) assert.equal(mih.remove(ids[i]), linear.remove(ids[i]));
      for (const d of [0, 31]) assert.deepEqual(mih.search(hot, 0, d), linear.search(hot, 0, d));
    }
  });

  test('removing everything leaves an empty index', () => {
    const { words, ids, total, query } = plantedData(25, 100, 1);
    const mih = MihIndex.build(words, ids, total, { alwaysProbe: true });
    for (const id of ids) assert.equal(mih.remove(id), true);
    assert.equal(mih.size, 0);
    assert.deepEqual(mih.search(query, 0, 256), []);
    mih.compact();
    assert.deepEqual(mih.search(query, 0, 31), []);
  });
});
