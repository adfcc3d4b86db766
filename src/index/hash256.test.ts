import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hamming256, hammingHex, hexToWords, popcount32, wordsToHex } from './hash256.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

test('word 7 holds the first 8 hex digits and word 0 the last 8 (little-endian word order)', () => {
  const w = new Uint32Array(8);
  hexToWords('f8f8f0ce' + '0'.repeat(48) + '00000001', w, 0);
  assert.equal(w[7], 0xf8f8f0ce);
  assert.equal(w[0], 1);
});

test('hex round-trips through words, at any offset, accepting upper case', () => {
  fc.assert(
    fc.property(hex64, fc.nat(8), (hex, offset) => {
      const w = new Uint32Array(16);
      hexToWords(hex.toUpperCase(), w, offset);
      assert.equal(wordsToHex(w, offset), hex);
    }),
  );
});

test('rejects a value that is not 64 hex digits', () => {
  const w = new Uint32Array(8);
  for (const bad of ['', 'f'.repeat(63), 'f'.repeat(65), 'g' + 'f'.repeat(63), 'f'.repeat(63) + 'é']) {
    assert.throws(() => hexToWords(bad, w, 0), { code: 'SIGNAL_VALUE_INVALID' });
  }
});

test('popcount32 counts bits', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
    assert.equal(popcount32(x), x.toString(2).replaceAll('0', '').length);
  }));
});

test('hamming distance counts differing bits of the 256-bit integers', () => {
  fc.assert(fc.property(hex64, hex64, (a, b) => {
    const diff = (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2).replaceAll('0', '').length;
    assert.equal(hammingHex(a, b), diff);
  }));
  const w = Uint32Array.of(...new Array(8).fill(0xffffffff), ...new Array(8).fill(0));
  assert.equal(hamming256(w, 0, w, 8), 256);
});
