import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runIndexContract } from '../../index/index-contract.case.js';
import { compareHits } from '../../index/index-ids.js';
import { seededRandom } from './text-corpus.js';
import { LSH_BANDS, LSH_EXACT_UP_TO, LSH_ROWS, MinhashLshIndex } from './text-minhash-index.js';
import { decodeMinhash, encodeMinhash, MINHASH_SIZE, minimaDistance } from './text-minhash.js';

const rng = seededRandom(31);
const random32 = () => Math.floor(rng() * 0x100000000) >>> 0;
const randomSignature = () => Uint32Array.from({ length: MINHASH_SIZE }, random32);

/** A copy of `base` with the minima at `positions` replaced. */
function perturb(base: Uint32Array, positions: readonly number[]): Uint32Array {
  const copy = Uint32Array.from(base);
  for (const p of positions) copy[p] = random32();
  return copy;
}

function randomPositions(k: number): number[] {
  const all = [...Array(MINHASH_SIZE).keys()];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (MINHASH_SIZE - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, k);
}

function bruteForce(values: Map<number, string>, query: string, maxDistance: number) {
  const q = decodeMinhash(query);
  return [...values]
    .map(([id, v]) => ({ id, distance: minimaDistance(q, decodeMinhash(v)) }))
    .filter((h) => h.distance <= maxDistance)
    .sort(compareHits);
}

test('bands × rows cover the signature and make the index exact up to 63', () => {
  assert.equal(LSH_BANDS * LSH_ROWS, MINHASH_SIZE);
  assert.equal(LSH_EXACT_UP_TO, 63);
});

test('the worst case for banding still matches: 63 differences, one in each of 63 bands', () => {
  const base = randomSignature();
  const index = new MinhashLshIndex();
  index.add(1, encodeMinhash(base));
  const positions = Array.from({ length: 63 }, (_, band) => band * LSH_ROWS + (band % LSH_ROWS));
  const query = encodeMinhash(perturb(base, positions));
  assert.deepEqual(index.search(query, 63), [{ id: 1, distance: 63 }]);
  // 64 differences, one per band: no band is shared, and 64 is over the threshold anyway.
  const all = Array.from({ length: 64 }, (_, band) => band * LSH_ROWS);
  assert.deepEqual(index.search(encodeMinhash(perturb(base, all)), 63), []);
  assert.deepEqual(index.search(encodeMinhash(perturb(base, all)), 64), [{ id: 1, distance: 64 }]);
});

test('search agrees with brute force at every distance, through adds, replacements and removals', () => {
  const index = new MinhashLshIndex();
  const values = new Map<number, string>();
  const bases = Array.from({ length: 20 }, randomSignature);
  let id = 0;
  for (const base of bases) {
    for (const k of [0, 1, 5, 20, 40, 62, 63, 64, 70, 100]) {
      const v = encodeMinhash(perturb(base, randomPositions(k)));
      index.add(id, v);
      values.set(id++, v);
    }
  }
  const check = () => {
    assert.equal(index.size, values.size);
    for (const base of bases.slice(0, 8)) {
      const query = encodeMinhash(perturb(base, randomPositions(Math.floor(rng() * 40))));
      for (const maxDistance of [0, 10, 31, 63, 64, 96, 128]) {
        assert.deepEqual(index.search(query, maxDistance), bruteForce(values, query, maxDistance), `maxDistance ${maxDistance}`);
      }
    }
  };
  check();
  for (let i = 0; i < id; i += 3) {
    assert.equal(index.remove(i), true);
    values.delete(i);
  }
  assert.equal(index.remove(0), false);
  check();
  // Re-adding an id replaces its value.
  for (let i = 1; i < id; i += 7) {
    const v = encodeMinhash(randomSignature());
    index.add(i, v);
    values.set(i, v);
  }
  check();
});

test('several ids may share one value', () => {
  const index = new MinhashLshIndex();
  const v = encodeMinhash(randomSignature());
  index.add(3, v);
  index.add(1, v);
  index.add(2, v);
  assert.deepEqual(index.search(v, 0), [1, 2, 3].map((id) => ({ id, distance: 0 })));
  index.remove(2);
  assert.deepEqual(index.search(v, 0).map((h) => h.id), [1, 3]);
  assert.ok(index.memoryBytes() > 0);
});

runIndexContract({
  name: 'MinhashLshIndex',
  create: () => new MinhashLshIndex(),
  distance: (a, b) => minimaDistance(decodeMinhash(a), decodeMinhash(b)),
  randomValue: (r) => encodeMinhash(Uint32Array.from({ length: MINHASH_SIZE }, () => r.next())),
  neighbour(value, k, r) {
    const minima = decodeMinhash(value);
    const positions = [...Array(MINHASH_SIZE).keys()];
    for (let i = 0; i < Math.min(k, MINHASH_SIZE); i++) {
      const j = i + r.below(MINHASH_SIZE - i);
      [positions[i], positions[j]] = [positions[j]!, positions[i]!];
      minima[positions[i]!] = r.next();
    }
    return encodeMinhash(minima);
  },
  distances: [0, 31, 63, 64, 96],
});
