import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DecodedImage } from '../../media/decoded-image.js';
import { hashHex, lowerMedian, ZERO_HASH } from './pdq-bits.js';
import { DCT_MATRIX, dct16, dct16Reference } from './pdq-dct.js';
import { dihedralHashes } from './pdq-dihedral.js';
import {
  decode, DIHEDRAL_COLUMNS, dihedralTable, firstBitDifference, hamming, isJpeg, manifest, readFloat32, standIn, VECTORS,
} from './pdq-fixtures.test-helper.js';
import { pdqHash, type PdqResult } from './pdq-hasher.js';
import { jaroszDownsample } from './pdq-jarosz.js';
import { jaroszReference } from './pdq-jarosz-reference.js';
import { computeLuma } from './pdq-luma.js';

const MANIFEST = manifest();
const DIHEDRAL = dihedralTable();

function allEight(result: PdqResult): string[] {
  const d = result.dihedral!;
  return [result.hash, d.rot90, d.rot180, d.rot270, d.flipX, d.flipY, d.flipPlus1, d.flipMinus1];
}

async function assertExact(t: { diagnostic(message: string): void }, file: string, path: string): Promise<void> {
  const row = MANIFEST.find((r) => r.file === file)!;
  const image = await decode(path);
  assert.deepEqual([image.width, image.height], [row.width, row.height]);
  const result = pdqHash(image, { dihedral: true });
  // The reference hashes stored pixels; a decoder that applies an embedded profile does not.
  const hint = readFileSync(path).subarray(0, 4096).includes('iCCP') ? ' [PNG has an ICC profile: the decoder must ignore it]' : '';
  assert.equal(result.hash, row.hash, `${file}: hash (distance ${hamming(result.hash, row.hash)})${hint}`);
  assert.equal(result.quality, row.quality, `${file}: quality`);
  const expected = DIHEDRAL.get(file)!;
  const got = allEight(result);
  DIHEDRAL_COLUMNS.forEach((name, i) => assert.equal(got[i], expected[i], `${file}: ${name} (distance ${hamming(got[i]!, expected[i]!)})${hint}`));
  assert.equal(pdqHash(image).hash, row.hash, `${file}: plain hash equals the dihedral path's`);
  t.diagnostic(`${file} ${image.width}×${image.height}×${image.channels}: exact`);
}

test('every PNG in the manifest hashes to pdq_fullsize, its quality and all 8 dihedral variants exactly', async (t) => {
  for (const row of MANIFEST.filter((r) => !isJpeg(r.file))) {
    await t.test(row.file, (st) => assertExact(st, row.file, join(VECTORS, row.file)));
  }
});

test('JPEGs hash exactly when fed the reference decode (decoded/*.rgb.png)', async (t) => {
  const rows = MANIFEST.filter((r) => isJpeg(r.file) && standIn(r.file));
  assert.ok(rows.length >= 10, 'the vectors provide stand-ins');
  for (const row of rows) await t.test(row.file, (st) => assertExact(st, row.file, standIn(row.file)!));
});

test('JPEGs decoded by sharp land within 10 bits of the reference where quality ≥ 80', async (t) => {
  let worst = 0;
  for (const row of MANIFEST.filter((r) => isJpeg(r.file))) {
    const result = pdqHash(await decode(join(VECTORS, row.file)));
    const distance = hamming(result.hash, row.hash);
    t.diagnostic(`${row.file}: distance ${distance}, quality ${result.quality} (reference ${row.quality})`);
    if (row.quality < 80) continue;
    worst = Math.max(worst, distance);
    assert.ok(distance <= 10, `${row.file}: distance ${distance} > 10`);
  }
  t.diagnostic(`largest distance at quality ≥ 80: ${worst}`);
});

test('luma, the 64×64 buffer, the DCT and the median match the reference dumps bit for bit', async (t) => {
  for (const name of ['bridge-1-original', 'q0122', 'wee']) {
    await t.test(name, async () => {
      const image = await decode(join(VECTORS, 'decoded', `${name}.rgb.png`));
      const luma = new Float32Array(image.width * image.height);
      computeLuma(image, luma);
      if (existsSync(join(VECTORS, 'intermediates', `${name}.luma.f32`))) {
        assert.equal(firstBitDifference(luma, readFloat32(`${name}.luma.f32`)), -1, 'luma');
      }
      const expected64 = readFloat32(`${name}.buf64x64.f32`);
      const fast = new Float32Array(4096);
      jaroszDownsample(image, fast);
      assert.equal(firstBitDifference(fast, expected64), -1, '64×64 buffer (fast)');
      const reference = new Float32Array(4096);
      jaroszReference(luma, image.height, image.width, reference);
      assert.equal(firstBitDifference(reference, expected64), -1, '64×64 buffer (spec-literal reference)');
      const dct = new Float32Array(256);
      dct16(expected64, dct);
      assert.equal(firstBitDifference(dct, readFloat32(`${name}.dct16x16.f32`)), -1, 'DCT');
      const literal = new Float32Array(256);
      dct16Reference(expected64, literal);
      assert.equal(firstBitDifference(literal, readFloat32(`${name}.dct16x16.f32`)), -1, 'DCT (spec-literal reference)');
      const [, medianBits] = readFileSync(join(VECTORS, 'intermediates', `${name}.median.txt`), 'utf8').trim().split('\t');
      const median = new Uint32Array(new Float32Array([lowerMedian(dct)]).buffer)[0]!;
      assert.equal(median.toString(16).padStart(8, '0'), medianBits, 'median');
    });
  }
});

test('the DCT matrix matches the reference bit patterns', () => {
  const lines = readFileSync(join(VECTORS, 'intermediates', 'dct_matrix_16x64.tsv'), 'utf8').trim().split('\n');
  const bits = new Uint32Array(DCT_MATRIX.buffer);
  let checked = 0;
  for (const line of lines) {
    const [i, j, hex] = line.split('\t');
    if (!/^\d+$/.test(i!)) continue;
    assert.equal(bits[Number(i) * 64 + Number(j)]!.toString(16).padStart(8, '0'), hex, `D[${i}][${j}]`);
    checked++;
  }
  assert.equal(checked, 16 * 64);
});

test('the DCT kernel is bit-exact with the spec-literal loops on any buffer', () => {
  // Seeded buffers of every scale PDQ meets (luma 0–255, and far outside it, where roundings differ most).
  let seed = 0x2545f491;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const fast = new Float32Array(256);
  const literal = new Float32Array(256);
  for (const scale of [1, 255, 1e-3, 1e6]) {
    for (let n = 0; n < 8; n++) {
      const buf = Float32Array.from({ length: 4096 }, () => (next() - 0.25) * scale);
      dct16(buf, fast);
      dct16Reference(buf, literal);
      assert.equal(firstBitDifference(fast, literal), -1, `scale ${scale} #${n}`);
    }
  }
});

test('the hex is words w15 … w0, bit j of word i being coefficient (i, j)', () => {
  const ramp = Float32Array.from({ length: 256 }, (_, k) => k);
  assert.equal(hashHex(ramp), 'ffff'.repeat(8) + '0000'.repeat(8));
  const one = new Float32Array(256).fill(-1);
  one[16 * 3 + 5] = 1; // word 3, bit 5
  assert.equal(hashHex(one), '0000'.repeat(12) + '0020' + '0000'.repeat(3));
});

function image(width: number, height: number, channels: 1 | 2 | 3 | 4, pixel: (x: number, y: number, c: number) => number): DecodedImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = pixel(x, y, c);
  }
  return { width, height, channels, data };
}

const noise = (x: number, y: number, c: number) => (x * 7919 + y * 104729 + c * 31 + ((x * y) % 13) * 17) & 255;

test('images under 5 pixels on a side give the all-zero hash and quality 0', () => {
  for (const [w, h] of [[4, 100], [100, 4], [1, 1], [1, 300], [300, 1]] as const) {
    const result = pdqHash(image(w, h, 3, noise), { dihedral: true });
    assert.equal(result.hash, ZERO_HASH, `${w}×${h}`);
    assert.equal(result.quality, 0);
    assert.ok(Object.values(result.dihedral!).every((hash) => hash === ZERO_HASH));
  }
  assert.notEqual(pdqHash(image(5, 5, 3, noise)).hash, ZERO_HASH, '5×5 is hashed');
});

test('an exact 64×64 image is hashed unfiltered, its dihedral variants from the filtered buffer', () => {
  const img = image(64, 64, 3, noise);
  const luma = new Float32Array(4096);
  computeLuma(img, luma);
  const coefficients = new Float32Array(256);
  dct16(luma, coefficients);
  const result = pdqHash(img, { dihedral: true });
  assert.equal(result.hash, hashHex(coefficients));
  const filtered = new Float32Array(4096);
  jaroszReference(luma, 64, 64, filtered);
  dct16(filtered, coefficients);
  assert.deepEqual(result.dihedral, dihedralHashes(coefficients));
});

test('grey and grey+alpha hash as R = G = B, and alpha is ignored', () => {
  const grey = (x: number, y: number) => noise(x, y, 0);
  const rgb = pdqHash(image(97, 61, 3, grey), { dihedral: true });
  assert.deepEqual(pdqHash(image(97, 61, 1, grey), { dihedral: true }), rgb);
  assert.deepEqual(pdqHash(image(97, 61, 2, (x, y, c) => (c === 1 ? noise(x, y, 5) : grey(x, y))), { dihedral: true }), rgb);
  const rgba = pdqHash(image(97, 61, 4, (x, y, c) => (c === 3 ? noise(x, y, 9) : noise(x, y, c))));
  assert.deepEqual(rgba, pdqHash(image(97, 61, 3, noise)));
  // The documented choice: grey 15 goes through the RGB formula (15.000001), not Y = 15.
  const luma = new Float32Array(25);
  computeLuma(image(5, 5, 1, () => 15), luma);
  assert.equal(luma[0], Math.fround(15.000000953674316));
});

test('a hash does not depend on what was hashed before (work buffers are reused and grow)', () => {
  const shapes = [[40, 30, 3], [2000, 9, 4], [7, 300, 1], [640, 480, 2], [40, 30, 3]] as const;
  const first = shapes.map(([w, h, c]) => pdqHash(image(w, h, c, noise), { dihedral: true }));
  const again = [...shapes].reverse().map(([w, h, c]) => pdqHash(image(w, h, c, noise), { dihedral: true })).reverse();
  assert.deepEqual(again, first);
  assert.deepEqual(first[4], first[0]);
});
