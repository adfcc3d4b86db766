import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fixturePath } from '../../util/package-root.js';
import { degrade } from './chromaprint-contract-samples.js';
import { driftAlignment, driftDistance } from './chromaprint-drift.js';
import { fingerprintDistance } from './chromaprint-match.js';
import { NARROWBAND_THRESHOLD } from './chromaprint-narrowband-signal.js';

const corpus = (): Uint32Array[] =>
  JSON.parse(readFileSync(fixturePath('vectors', 'audio', 'debian-corpus-fpcalc.json'), 'utf8')).files.map((f: { fingerprint_raw: number[] }) => Uint32Array.from(f.fingerprint_raw));

/** Drops every `every`-th item: the time line of audio played 1/(every − 1) faster. */
const faster = (items: Uint32Array, every: number) => items.filter((_, i) => i % every !== every - 1);

test('a copy 4% faster is within the threshold with drift, and beyond it at one offset', () => {
  const long = corpus().filter((items) => items.length >= 200);
  assert.ok(long.length >= 3);
  for (const [i, items] of long.entries()) {
    const clip = degrade(faster(items.subarray(20, 180), 25), 0.03, i);
    assert.ok(driftDistance(clip, items) <= NARROWBAND_THRESHOLD, `drift ${driftDistance(clip, items)}`);
    assert.ok(driftDistance(clip, items) < fingerprintDistance(clip, items));
    const al = driftAlignment(clip, items)!;
    assert.ok(al.offsets.at(-1)! - al.offsets[0]! >= 2, `offsets drift: ${al.offsets.join(',')}`);
  }
});

test('the drift distance is 0 on self, symmetric, and keeps unrelated recordings apart', () => {
  const all = corpus();
  for (let i = 0; i < all.length; i++) {
    assert.equal(driftDistance(all[i]!, all[i]!), 0);
    for (let j = i + 1; j < all.length; j++) {
      const d = driftDistance(all[i]!, all[j]!);
      assert.equal(d, driftDistance(all[j]!, all[i]!));
      assert.ok(d > NARROWBAND_THRESHOLD, `files ${i} and ${j}: ${d}`);
    }
  }
});
