import { ConcordError } from '../errors/concord-error.js';

/**
 * 256-bit hashes (PDQ) as 8 unsigned 32-bit words.
 *
 * Word order is little-endian over the big-endian hex integer: word 0 holds the
 * least significant 32 bits (the last 8 hex digits), word 7 the most significant
 * (the first 8). So bit i of the integer is bit (i & 31) of word (i >> 5), and the
 * bytes of the Uint32Array on a little-endian machine are the integer's bytes in
 * little-endian order (what the WebAssembly kernel's i64 loads read).
 *
 * @example
 *   const w = new Uint32Array(8);
 *   hexToWords('f8f8f0ce…', w, 0);   // w[7] === 0xf8f8f0ce
 *   wordsToHex(w, 0);                 // 'f8f8f0ce…'
 */
export const HASH256_WORDS = 8;
export const HASH256_HEX_LENGTH = 64;

// 0–15 for hex digits (either case), 255 otherwise.
const NIBBLE = new Uint8Array(128).fill(255);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[65 + i] = NIBBLE[97 + i] = 10 + i;

/** Parses 64 hex digits into `out[offset..offset+8)`; throws SIGNAL_VALUE_INVALID otherwise. */
export function hexToWords(hex: string, out: Uint32Array, offset = 0): void {
  if (hex.length !== HASH256_HEX_LENGTH) {
    throw new ConcordError('SIGNAL_VALUE_INVALID', `expected ${HASH256_HEX_LENGTH} hex digits, got ${hex.length} characters`);
  }
  for (let w = 0; w < HASH256_WORDS; w++) {
    const start = (HASH256_WORDS - 1 - w) * 8;
    let word = 0;
    let bad = 0;
    for (let i = start; i < start + 8; i++) {
      const c = hex.charCodeAt(i);
      const v = c < 128 ? NIBBLE[c] : 255;
      bad |= v;
      word = (word << 4) | (v & 15);
    }
    if (bad > 15) throw new ConcordError('SIGNAL_VALUE_INVALID', `not a hex digit in '${hex}'`);
    out[offset + w] = word;
  }
}

/** Formats `words[offset..offset+8)` as 64 lowercase hex digits. */
export function wordsToHex(words: Uint32Array, offset = 0): string {
  let s = '';
  for (let w = HASH256_WORDS - 1; w >= 0; w--) s += words[offset + w].toString(16).padStart(8, '0');
  return s;
}

/** Number of set bits in a 32-bit integer (plain JS, SWAR). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between `a[aOff..aOff+8)` and `b[bOff..bOff+8)` (plain JS). */
export function hamming256(a: Uint32Array, aOff: number, b: Uint32Array, bOff: number): number {
  let d = 0;
  for (let i = 0; i < HASH256_WORDS; i++) d += popcount32(a[aOff + i] ^ b[bOff + i]);
  return d;
}

/** Hamming distance between two 64-digit hex strings (the brute-force reference). */
export function hammingHex(a: string, b: string): number {
  const w = new Uint32Array(2 * HASH256_WORDS);
  hexToWords(a, w, 0);
  hexToWords(b, w, HASH256_WORDS);
  return hamming256(w, 0, w, HASH256_WORDS);
}
