import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { encodeFingerprint } from './chromaprint-compression.js';
import { chromaprintCorpus } from './chromaprint-contract-samples.js';
import { ChromaprintIndex } from './chromaprint-index.js';
import { audioChromaprintSignal as signal } from './chromaprint-signal.js';

const bruteForce = (vs: readonly string[], q: string, max: number, removed: ReadonlySet<number>) =>
  vs
    .map((v, id) => ({ id, distance: signal.distance(q, v) }))
    .filter((h) => !removed.has(h.id) && h.distance <= max)
    .sort((a, b) => a.distance - b.distance || a.id - b.id);

test('returns exactly what a brute-force scan returns, also after removals and replacements', () => {
  const vs = chromaprintCorpus();
  const index = new ChromaprintIndex();
  vs.forEach((v, id) => index.add(id, v));
  assert.equal(index.size, vs.length);
  const removed = new Set<number>([3, 11]);
  for (const id of removed) assert.equal(index.remove(id), true);
  assert.equal(index.remove(999), false);
  index.add(5, vs[5]!);
  assert.equal(index.size, vs.length - removed.size);
  let near = 0;
  for (const q of vs) {
    const expected = bruteForce(vs, q, signal.threshold, removed);
    near += expected.length;
    assert.deepEqual(index.search(q, signal.threshold), expected);
  }
  assert.ok(near > vs.length, 'the corpus has near neighbours to find');
  assert.ok(index.memoryBytes() > 0);
});

test('finds identical values, whatever their content, and nothing once removed', () => {
  const index = new ChromaprintIndex();
  const silence = encodeFingerprint(new Uint32Array(40).fill(627964279));
  index.add(1, silence);
  assert.deepEqual(index.search(silence, signal.threshold), [{ id: 1, distance: 0 }]);
  index.remove(1);
  assert.deepEqual(index.search(silence, signal.threshold), []);
});
