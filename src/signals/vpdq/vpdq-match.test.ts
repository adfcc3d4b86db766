import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VpdqFrame } from './vpdq-frame.js';
import { readLinesFile, readMatchMatrix, vpdqVector } from './vpdq-fixtures.test-helper.js';
import { compareVpdq, isVpdqMatch, matchableHashes, vpdqDistance, vpdqMatchDetails } from './vpdq-match.js';
import { vpdqSignal } from './vpdq-signal.js';
import { encodeVpdq } from './vpdq-value.js';

const PDQ = 'dadb999c25266273529cadac8dcb52c22324ad3bce99726c38668d93c799f06c';
/** `hash` with its first `bits` bits flipped. */
const flip = (hash: string, bits: number): string => {
  const n = BigInt(`0x${hash}`) ^ ((1n << BigInt(bits)) - 1n);
  return n.toString(16).padStart(64, '0');
};
const frame = (index: number, pdq: string, quality = 100): VpdqFrame => ({ index, quality, pdq, timestamp: index / 30 });

describe('vpdq matching', () => {
  test('agrees with every pytx_* column of match-matrix.tsv (from sample-hashes)', () => {
    const rows = readMatchMatrix();
    assert.equal(rows.length, 256);
    const frames = new Map<string, VpdqFrame[]>();
    const of = (name: string) => {
      if (!frames.has(name)) frames.set(name, readLinesFile(vpdqVector('sample-hashes', `${name}.txt`)));
      return frames.get(name)!;
    };
    let matches = 0;
    for (const row of rows) {
      const c = compareVpdq(of(row.query), of(row.compared));
      const at = `${row.query} vs ${row.compared}`;
      assert.ok(Math.abs(c.queryPercent - row.queryPercent) < 5e-5, `${at}: q% ${c.queryPercent} vs ${row.queryPercent}`);
      assert.ok(Math.abs(c.comparedPercent - row.comparedPercent) < 5e-5, `${at}: c% ${c.comparedPercent} vs ${row.comparedPercent}`);
      assert.equal(isVpdqMatch(c), row.isMatch, at);
      // The symmetric distance matches when either direction reaches 80 %.
      const d = vpdqDistance(encodeVpdq(of(row.query)), encodeVpdq(of(row.compared)));
      assert.equal(d <= vpdqSignal.threshold, row.queryPercent >= 80 || row.comparedPercent >= 80, at);
      if (row.isMatch) matches++;
    }
    // Both decisions occur: the chair videos match each other, the pattern videos each other.
    assert.ok(matches > 16 && matches < 240, `${matches} matches`);
  });

  test('drops frames under quality 50 and repeated hashes before counting', () => {
    assert.deepEqual(matchableHashes([frame(0, PDQ), frame(1, PDQ), frame(2, flip(PDQ, 1), 49), frame(3, flip(PDQ, 2), 50)]), [PDQ, flip(PDQ, 2)]);
    // Three copies of one frame count once: 1 of 2 distinct frames is found.
    const query = [frame(0, PDQ), frame(1, PDQ), frame(2, PDQ), frame(3, flip(PDQ, 100))];
    assert.deepEqual(compareVpdq(query, [frame(0, flip(PDQ, 31))]), { queryPercent: 50, comparedPercent: 100 });
    assert.deepEqual(compareVpdq(query, [frame(0, flip(PDQ, 32))]), { queryPercent: 0, comparedPercent: 0 });
    assert.deepEqual(compareVpdq([frame(0, PDQ, 10)], [frame(0, PDQ)]), { queryPercent: 0, comparedPercent: 0 });
  });

  test('distance: 0 for the same value, else 100 − ⌊max(q%, c%)⌋ and at least 1', () => {
    const v = (...frames: VpdqFrame[]) => encodeVpdq(frames);
    const a = v(frame(0, PDQ), frame(30, flip(PDQ, 100)), frame(60, flip(PDQ, 200)));
    assert.equal(vpdqDistance(a, a), 0);
    // Same frames, other timestamps: not the same value, but every frame matches.
    assert.equal(vpdqDistance(a, v(frame(1, PDQ), frame(31, flip(PDQ, 100)), frame(61, flip(PDQ, 200)))), 1);
    // A one-frame clip: q% 100 one way, c% 33.3 the other; symmetric.
    const clip = v(frame(0, flip(PDQ, 10)));
    assert.equal(vpdqDistance(clip, a), 1);
    assert.equal(vpdqDistance(a, clip), 1);
    assert.deepEqual(vpdqMatchDetails(clip, a), { queryPercent: 100, comparedPercent: 100 / 3 });
    // 2 of 3 distinct frames found both ways: 100 − 66.
    const two = v(frame(0, PDQ), frame(30, flip(PDQ, 100)), frame(60, flip(PDQ, 150)));
    assert.equal(vpdqDistance(a, two), 34);
    assert.equal(vpdqDistance(a, v(frame(0, flip(PDQ, 256)))), 100);
    // No matchable frames at all: only the same value is near.
    const flat = v(frame(0, PDQ, 0));
    assert.equal(vpdqDistance(flat, flat), 0);
    assert.equal(vpdqDistance(flat, v(frame(1, PDQ, 0))), 100);
  });
});
