import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { audioVector } from './chromaprint-audio.test-helper.js';
import { encodeFingerprint } from './chromaprint-compression.js';
import { ChromaprintIndex } from './chromaprint-index.js';
import { audioChromaprintSignal as signal } from './chromaprint-signal.js';

const corpus: { fingerprint_raw: number[] }[] = JSON.parse(readFileSync(audioVector('debian-corpus-fpcalc.json'), 'utf8')).files;

function degrade(items: Uint32Array, rate: number, seed: number): Uint32Array {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return items.map((v) => {
    let x = v;
    for (let b = 0; b < 32; b++) if (rnd() < rate) x ^= 1 << b;
    return x >>> 0;
  });
}

/** The corpus plus degraded excerpts of it (near neighbours at several strengths) and a duplicate. */
function values(): string[] {
  const out = corpus.map((f) => encodeFingerprint(Uint32Array.from(f.fingerprint_raw)));
  corpus.forEach((f, i) => {
    const items = Uint32Array.from(f.fingerprint_raw);
    if (items.length < 150) return;
    for (const [k, rate] of [0.05, 0.12, 0.2].entries()) {
      const at = (i * 37 + k * 101) % (items.length - 130);
      out.push(encodeFingerprint(degrade(items.subarray(at, at + 121 + k * 40), rate, i * 10 + k)));
    }
  });
  out.push(out[0]!);
  return out;
}

const bruteForce = (vs: readonly string[], q: string, max: number, removed: ReadonlySet<number>) =>
  vs
    .map((v, id) => ({ id, distance: signal.distance(q, v) }))
    .filter((h) => !removed.has(h.id) && h.distance <= max)
    .sort((a, b) => a.distance - b.distance || a.id - b.id);

test('returns exactly what a brute-force scan returns, also after removals and replacements', () => {
  const vs = values();
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
