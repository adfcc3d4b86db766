import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Sharp } from 'sharp';
import { bombPng } from '../cli/cli-fixtures.test-helper.js';
import { ConcordError } from '../errors/concord-error.js';
import { join } from 'node:path';
import { repoRoot } from '../testing/repo-root.js';
import { declaredHugeJpeg, flatImage } from '../testing/hostile-media.js';
import { DEFAULT_IMAGE_LIMITS } from './image-decoder.js';
import { assertPlausibleSize } from './image-plausibility.js';
import { SharpImageDecoder } from './sharp-image-decoder.js';

const decoder = new SharpImageDecoder();
const code = (c: string) => (err: unknown) => err instanceof ConcordError && err.code === c;

test('a 300-byte JPEG whose header declares 9500×9500 is refused before decoding, with MEDIA_IMPLAUSIBLE_SIZE', async () => {
  const jpeg = await declaredHugeJpeg();
  assert.ok(jpeg.length < 400, `${jpeg.length} bytes`);
  const before = process.memoryUsage().rss;
  await assert.rejects(decoder.decode(jpeg, DEFAULT_IMAGE_LIMITS), (err) => code('MEDIA_IMPLAUSIBLE_SIZE')(err) && /9500×9500/.test((err as Error).message));
  // Decoding it would have allocated 270 MB for the canvas.
  assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024);
});

test('the flattest real files of every format still decode: the bounds are above what codecs reach', async () => {
  const encoders: Array<[string, (s: Sharp) => Sharp]> = [
    ['jpeg', (s) => s.jpeg({ quality: 1 })],
    ['png', (s) => s.png({ compressionLevel: 9, palette: true, colours: 2 })],
    ['gif', (s) => s.gif()],
    ['webp', (s) => s.webp({ lossless: true })],
    ['avif', (s) => s.avif()],
    ['tiff', (s) => s.tiff({ compression: 'deflate' })],
  ];
  for (const [name, encode] of encoders) {
    const bytes = await encode(flatImage(2000)).toBuffer();
    const image = await decoder.decode(bytes, DEFAULT_IMAGE_LIMITS);
    assert.equal(image.width, 2000, name);
  }
  const photo = readFileSync(join(repoRoot(), 'samples', 'images', 'bridge-original.jpg'));
  assert.ok((await decoder.decode(photo, DEFAULT_IMAGE_LIMITS)).width > 0);
});

test('a PNG bomb is still refused by the pixel limit, and a cut-short flat PNG by its length', async () => {
  await assert.rejects(decoder.decode(bombPng(), DEFAULT_IMAGE_LIMITS), code('MEDIA_TOO_MANY_PIXELS'));
  const flat = await flatImage(4000).png({ compressionLevel: 9 }).toBuffer();
  await assert.rejects(decoder.decode(flat.subarray(0, 200), DEFAULT_IMAGE_LIMITS), code('MEDIA_IMPLAUSIBLE_SIZE'));
});

test('the rule is per format: the same size and length can be plausible for one and not another', () => {
  assert.doesNotThrow(() => assertPlausibleSize({ format: 'png', width: 1000, height: 1000 }, 200));
  assert.throws(() => assertPlausibleSize({ format: 'jpeg', width: 1000, height: 1000 }, 200), code('MEDIA_IMPLAUSIBLE_SIZE'));
  assert.doesNotThrow(() => assertPlausibleSize({ format: 'jpeg', width: 1000, height: 1000 }, 500));
});
