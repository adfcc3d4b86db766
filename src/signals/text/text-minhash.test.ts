import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { editText, FIXTURE_LANGUAGES, seededRandom, syntheticText, vocabulary } from './text-corpus.js';
import { normaliseText } from './text-normalise.js';
import {
  codePoints,
  decodeMinhash,
  encodeMinhash,
  fmix32,
  isEncodedMinhash,
  MINHASH_SEEDS,
  minhashSignature,
  minimaDistance,
  murmur3Words,
  shingleHashes,
} from './text-minhash.js';

test('murmur3Words is MurmurHash3_x86_32 (known vectors)', () => {
  // MurmurHash3_x86_32("test", seed 0) = 0xba6bd213; "test" is one little-endian word.
  assert.equal(murmur3Words(Uint32Array.of(0x74736574), 0, 1), 0xba6bd213);
  // The empty input hashes to 0 with seed 0.
  assert.equal(murmur3Words(new Uint32Array(0), 0, 0), 0);
});

test('the m1 seeds are fixed forever', () => {
  assert.equal(MINHASH_SEEDS.length, 128);
  assert.equal(MINHASH_SEEDS[0], fmix32(0x9e3779b9));
  assert.equal(new Set(MINHASH_SEEDS).size, 128);
  // A digest of all 128 seeds: a change here is a new signal version, never an edit.
  const digest = createHash('sha256').update(Buffer.from(MINHASH_SEEDS.buffer)).digest('hex');
  assert.equal(digest, SEEDS_DIGEST);
});

test('a fixed text has a fixed signature (golden vector)', () => {
  const sig = encodeMinhash(minhashSignature(normaliseText(GOLDEN_TEXT)));
  assert.equal(createHash('sha256').update(sig).digest('hex'), GOLDEN_DIGEST);
  assert.equal(sig.slice(0, 19), GOLDEN_PREFIX);
});

test('shingles are code points without spaces, so astral characters count once and word breaks not at all', () => {
  assert.deepEqual([...codePoints('a😀 b')], [0x61, 0x1f600, 0x62]);
  assert.deepEqual(shingleHashes('ab cde f g'), shingleHashes('abcdefg'));
  assert.equal(shingleHashes('abcdefg').length, 3);
  assert.equal(shingleHashes('abc').length, 1, 'a text shorter than a shingle is one shingle');
  assert.equal(shingleHashes('aaaaaaaaaa').length, 1, 'duplicates count once');
});

test('the share of equal minima is an unbiased estimate of the Jaccard similarity', () => {
  // z = (estimate − exact Jaccard) / binomial standard error; ideal MinHash gives mean 0, variance 1.
  const rng = seededRandom(9);
  const zs: number[] = [];
  for (const language of FIXTURE_LANGUAGES) {
    const vocab = vocabulary(language);
    for (let k = 0; k < 15; k++) {
      const a = normaliseText(syntheticText(language, 2000, rng));
      const b = normaliseText(editText(a, 'substitute', 0.02 + 0.3 * rng(), vocab, rng));
      const sa = new Set(shingleHashes(a));
      const sb = new Set(shingleHashes(b));
      let inter = 0;
      for (const x of sa) if (sb.has(x)) inter++;
      const jaccard = inter / (sa.size + sb.size - inter);
      const estimate = 1 - minimaDistance(minhashSignature(a), minhashSignature(b)) / 128;
      zs.push((estimate - jaccard) / Math.sqrt(Math.max(jaccard * (1 - jaccard), 0.01) / 128));
    }
  }
  const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
  const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length;
  assert.ok(Math.abs(mean) < 0.3, `mean z ${mean}`);
  assert.ok(variance > 0.6 && variance < 1.5, `variance of z ${variance}`);
});

test('encoding round-trips and is one lowercase token', () => {
  const minima = minhashSignature('some normalised text that is long enough to hash');
  const value = encodeMinhash(minima);
  assert.equal(value.length, 3 + 1024);
  assert.match(value, /^m1\.[0-9a-f]+$/);
  assert.ok(isEncodedMinhash(value));
  assert.deepEqual(decodeMinhash(value), minima);
  for (const bad of ['', value.slice(0, -1), `${value}0`, value.replace('m1.', 'm2.'), value.replace(/.$/, 'g'), value.toUpperCase(), `${value.slice(0, 100)},${value.slice(101)}`]) {
    assert.equal(isEncodedMinhash(bad), false);
  }
});

test('minimaDistance stops early past the limit', () => {
  const a = new Uint32Array(128);
  const b = new Uint32Array(128).fill(1);
  assert.equal(minimaDistance(a, b), 128);
  assert.equal(minimaDistance(a, b, 10), 11);
  assert.equal(minimaDistance(a, a), 0);
});

const GOLDEN_TEXT = 'The river rose above its banks near the old stone bridge. Река вышла из берегов. 河水漫过河岸。 ارتفع منسوب النهر.';
const SEEDS_DIGEST = '0932ee5366cd8205ffdbfb08ad75ea5ccfe7d1001ed4a9b78b390a0d9bf422d6';
const GOLDEN_DIGEST = 'e0119e3942bde115ef254a41c3f300d247660c2d9d66ff4996ac06f15e327954';
const GOLDEN_PREFIX = 'm1.01a72850010371ac';
