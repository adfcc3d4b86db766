import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { audioVector, pcm, TEST_MP3_RAW } from './chromaprint-audio.test-helper.js';
import { chromaprintItems, SILENCE_ITEM } from './chromaprint-fingerprinter.js';

const expected = JSON.parse(readFileSync(audioVector('expected.json'), 'utf8'));

test('test.mp3 PCM gives exactly the raw items of fpcalc 1.5.1', () => {
  const items = chromaprintItems(pcm(audioVector('derived', 'test.mp3.11025-mono-s16le.raw')));
  assert.deepEqual(Array.from(items), TEST_MP3_RAW());
});

test('upstream TestFp input gives the api_fingerprints[0] items', () => {
  const items = chromaprintItems(pcm(audioVector('derived', 'test_stereo_44100-as-mono.11025-mono-s16le.raw')));
  assert.deepEqual(Array.from(items), expected.api_fingerprints[0].fingerprint_raw);
});

test('digital silence gives the silence item', () => {
  const items = chromaprintItems(new Int16Array(33280));
  assert.deepEqual(Array.from(items), [SILENCE_ITEM, SILENCE_ITEM, SILENCE_ITEM]);
  assert.deepEqual(expected.api_fingerprints[1].fingerprint_raw, [SILENCE_ITEM, SILENCE_ITEM, SILENCE_ITEM]);
});

test('audio under about 2.7 s gives no items rather than failing', () => {
  assert.equal(chromaprintItems(new Int16Array(30030)).length, 0);
  assert.equal(chromaprintItems(new Int16Array(30031)).length, 1);
  assert.equal(chromaprintItems(new Int16Array(0)).length, 0);
});
