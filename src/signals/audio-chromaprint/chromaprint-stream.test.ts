import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audioVector, pcm, TEST_MP3_RAW } from './chromaprint-audio.test-helper.js';
import { ChromaprintStream } from './chromaprint-fingerprinter.js';

/** Pushes the samples in chunks of the given lengths, cycling through them. */
function streamed(samples: Int16Array, lengths: readonly number[]): number[] {
  const stream = new ChromaprintStream();
  for (let at = 0, i = 0; at < samples.length; i++) {
    const next = Math.min(samples.length, at + lengths[i % lengths.length]!);
    stream.push(samples.subarray(at, next));
    at = next;
  }
  assert.equal(stream.sampleCount, samples.length);
  return Array.from(stream.finish());
}

test('items fed in chunks of any length equal fpcalc on the whole PCM', () => {
  const samples = pcm(audioVector('derived', 'test.mp3.11025-mono-s16le.raw'));
  const expected = TEST_MP3_RAW();
  // Pipe-sized chunks, odd sizes shorter than a hop or a frame, and one sample at a time near the start.
  for (const lengths of [[32768], [1000, 7], [4095, 4097, 1365], [1, 2, 3, 5000]]) {
    assert.deepEqual(streamed(samples, lengths), expected, `chunks of ${lengths.join(', ')}`);
  }
});

test('empty chunks and no chunks at all are harmless', () => {
  const stream = new ChromaprintStream();
  stream.push(new Int16Array(0));
  assert.equal(stream.finish().length, 0);
});
