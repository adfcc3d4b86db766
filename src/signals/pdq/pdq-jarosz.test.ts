import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { DecodedImage } from '../../media/decoded-image.js';
import { boxFilterLine } from './pdq-box-filter.js';
import { firstBitDifference } from './pdq-fixtures.test-helper.js';
import { jaroszDownsample, jaroszDownsampleLuma, MAX_WORKSPACE_BYTES } from './pdq-jarosz.js';
import { jaroszKernels } from './pdq-jarosz-kernels.js';
import { jaroszReference } from './pdq-jarosz-reference.js';
import { computeLuma } from './pdq-luma.js';

function randomImage(width: number, height: number, channels: 1 | 2 | 3 | 4, seed: number, smooth: boolean): DecodedImage {
  const data = new Uint8Array(width * height * channels);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const pixel = Math.floor(i / channels);
    data[i] = smooth ? ((pixel % width) * 3 + Math.floor(pixel / width) * 5 + (state & 15)) & 255 : state & 255;
  }
  return { width, height, channels, data };
}

function expected(image: DecodedImage): Float32Array {
  const luma = new Float32Array(image.width * image.height);
  computeLuma(image, luma);
  const out = new Float32Array(4096);
  jaroszReference(luma, image.height, image.width, out);
  return out;
}

const sizes = fc.record({
  width: fc.integer({ min: 5, max: 420 }),
  height: fc.integer({ min: 5, max: 420 }),
  channels: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
  seed: fc.integer(),
  smooth: fc.boolean(),
});

test('the streaming SIMD filter equals the spec-literal one on random images of any shape', () => {
  fc.assert(fc.property(sizes, ({ width, height, channels, seed, smooth }) => {
    const image = randomImage(width, height, channels, seed, smooth);
    const out = new Float32Array(4096);
    jaroszDownsample(image, out);
    assert.equal(firstBitDifference(out, expected(image)), -1, `${width}×${height}×${channels}`);
  }), { numRuns: 60 });
});

test('shapes at the edges of the block and window arithmetic', () => {
  // Rows around multiples of the 16-row block and window boundaries; widths that are
  // not multiples of 4, and wide enough (> 128, > 256) for windows of 2 and 3.
  for (const [width, height] of [[5, 5], [6, 17], [129, 16], [130, 31], [257, 32], [7, 33], [300, 48], [64, 64], [1000, 5], [5, 700], [263, 129]]) {
    const image = randomImage(width!, height!, 3, width! * 31 + height!, false);
    const out = new Float32Array(4096);
    jaroszDownsample(image, out);
    assert.equal(firstBitDifference(out, expected(image)), -1, `${width}×${height}`);
  }
});

test('the filter from a luma plane equals the filter from pixels', () => {
  const image = randomImage(333, 211, 4, 7, true);
  const luma = new Float32Array(333 * 211);
  computeLuma(image, luma);
  const fromLuma = new Float32Array(4096);
  const fromPixels = new Float32Array(4096);
  jaroszDownsampleLuma(luma, 211, 333, fromLuma);
  jaroszDownsample(image, fromPixels);
  assert.equal(firstBitDifference(fromLuma, fromPixels), -1);
});

test('images too wide for the kernels\' memory take the spec-literal path, and still hash', () => {
  const image = randomImage(700_000, 5, 3, 11, true);
  const out = new Float32Array(4096);
  jaroszDownsample(image, out);
  assert.equal(firstBitDifference(out, expected(image)), -1);
  assert.ok(jaroszKernels().memory.buffer.byteLength < MAX_WORKSPACE_BYTES, 'kernel memory stayed small');
});

test('the 1-D box filter averages inputs i-(w-half) … i+half-1, clipped to the line', () => {
  const line = Float32Array.from([1, 2, 4, 8, 16, 32, 64]);
  const out = new Float32Array(7);
  boxFilterLine(line, 0, out, 0, 7, 1, 3); // half = 2: output i averages i-1 … i+1
  assert.deepEqual([...out], [1.5, 7 / 3, 14 / 3, 28 / 3, 56 / 3, 112 / 3, 48].map(Math.fround));
  boxFilterLine(line, 0, out, 0, 7, 1, 1); // w = 1 keeps the arithmetic and the values
  assert.deepEqual([...out], [...line]);
});
