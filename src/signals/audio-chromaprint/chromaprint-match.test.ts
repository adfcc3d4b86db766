import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { audioVector } from './chromaprint-audio.test-helper.js';
import { SILENCE_ITEM } from './chromaprint-fingerprinter.js';
import { alignmentDistance, bestAlignment, fingerprintDistance, MAX_DISTANCE } from './chromaprint-match.js';
import { AUDIO_CHROMAPRINT_THRESHOLD } from './chromaprint-signal.js';

const corpus: { path: string; fingerprint_raw: number[] }[] = JSON.parse(readFileSync(audioVector('debian-corpus-fpcalc.json'), 'utf8')).files;
const long = corpus.filter((f) => f.fingerprint_raw.length >= 500).map((f) => Uint32Array.from(f.fingerprint_raw));

/** Flips each bit with probability `rate` (deterministic). */
function degrade(items: Uint32Array, rate: number, seed = 1): Uint32Array {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return items.map((v) => {
    let x = v;
    for (let b = 0; b < 32; b++) if (rnd() < rate) x ^= 1 << b;
    return x >>> 0;
  });
}

test('distance is zero on self and symmetric', () => {
  for (const a of long) {
    assert.equal(fingerprintDistance(a, a), 0);
    for (const b of long) assert.equal(fingerprintDistance(a, b), fingerprintDistance(b, a));
  }
});

test('finds a 15-second excerpt with 10% bit errors at its offset', () => {
  const whole = long[0]!;
  const at = 300;
  const clip = degrade(whole.subarray(at, at + 121), 0.1);
  const al = bestAlignment(clip, whole)!;
  assert.equal(al.offset, at);
  assert.ok(alignmentDistance(al) <= AUDIO_CHROMAPRINT_THRESHOLD, `distance ${alignmentDistance(al)}`);
});

test('different recordings of the Debian corpus do not match', () => {
  for (let i = 0; i < long.length; i++) {
    for (let j = i + 1; j < long.length; j++) assert.ok(fingerprintDistance(long[i]!, long[j]!) > AUDIO_CHROMAPRINT_THRESHOLD, `${i} vs ${j}`);
  }
});

test('silence never matches, even silence against silence', () => {
  const silence = new Uint32Array(200).fill(SILENCE_ITEM);
  const longer = new Uint32Array(300).fill(SILENCE_ITEM);
  assert.equal(fingerprintDistance(silence, longer), MAX_DISTANCE);
  const half = long[0]!.slice(0, 200);
  half.fill(SILENCE_ITEM, 0, 150);
  assert.ok(fingerprintDistance(half, silence) > AUDIO_CHROMAPRINT_THRESHOLD);
});

test('steady tones carry no information and match nothing but their identical value', () => {
  const tone = new Uint32Array(200).fill(0x12345678);
  const other = new Uint32Array(180).fill(0x12345679);
  assert.equal(fingerprintDistance(tone, other), MAX_DISTANCE);
  assert.equal(fingerprintDistance(tone, tone.slice()), 0);
});
