/**
 * Chromaprint's compressed fingerprint, as `fpcalc` prints it (specs/chromaprint.md §9):
 * an algorithm byte, a 24-bit big-endian item count, then each item XORed with the
 * previous one and written as the gaps between its set bits — 3-bit values, with gaps
 * of 7 or more continued in a second stream of 5-bit values — in base64url without
 * padding.
 *
 * @example
 *   encodeFingerprint(new Uint32Array([1, 0]), 0);   // bytes 00 00 00 02 41 00 → 'AAAAAkEA'
 *   decodeFingerprint('AQAAAA');                     // { ok: true, value: { algorithm: 1, items: [] } }
 */
export const ALGORITHM_TEST2 = 1;

const NORMAL_BITS = 3;
const EXCEPTION_BITS = 5;
const NORMAL_MAX = (1 << NORMAL_BITS) - 1;
const HEADER_BYTES = 4;
const MAX_COUNT = 0xffffff;

export interface DecodedFingerprint {
  readonly algorithm: number;
  readonly items: Uint32Array;
}

export type DecodeResult = { ok: true; value: DecodedFingerprint } | { ok: false; reason: string };

/** Packs values of `bits` bits each, least significant bit first. */
function packBits(values: readonly number[], bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((values.length * bits) / 8));
  let pos = 0;
  for (const v of values) {
    for (let b = 0; b < bits; b++, pos++) if ((v >> b) & 1) out[pos >> 3]! |= 1 << (pos & 7);
  }
  return out;
}

/** The compressed bytes of a fingerprint (before base64). */
export function compressFingerprint(items: Uint32Array, algorithm = ALGORITHM_TEST2): Uint8Array {
  if (items.length > MAX_COUNT) throw new RangeError(`a fingerprint holds at most ${MAX_COUNT} items`);
  const normal: number[] = [];
  const exceptional: number[] = [];
  let previous = 0;
  for (const item of items) {
    let x = (item ^ previous) >>> 0;
    previous = item;
    let last = 0;
    for (let bit = 1; x !== 0; bit++, x >>>= 1) {
      if ((x & 1) === 0) continue;
      const gap = bit - last;
      last = bit;
      if (gap >= NORMAL_MAX) {
        normal.push(NORMAL_MAX);
        exceptional.push(gap - NORMAL_MAX);
      } else normal.push(gap);
    }
    normal.push(0);
  }
  const n = packBits(normal, NORMAL_BITS);
  const e = packBits(exceptional, EXCEPTION_BITS);
  const out = new Uint8Array(HEADER_BYTES + n.length + e.length);
  out[0] = algorithm;
  out[1] = (items.length >> 16) & 0xff;
  out[2] = (items.length >> 8) & 0xff;
  out[3] = items.length & 0xff;
  out.set(n, HEADER_BYTES);
  out.set(e, HEADER_BYTES + n.length);
  return out;
}

/** Decodes compressed bytes; bytes after the last exceptional value are ignored, as upstream does. */
export function decompressFingerprint(bytes: Uint8Array): DecodeResult {
  if (bytes.length < HEADER_BYTES) return { ok: false, reason: `${bytes.length} bytes is shorter than the 4-byte header` };
  const algorithm = bytes[0]!;
  const count = (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
  const bitAt = (pos: number): number => (bytes[pos >> 3]! >> (pos & 7)) & 1;
  const read = (pos: number, bits: number): number => {
    let v = 0;
    for (let b = 0; b < bits; b++) v |= bitAt(pos + b) << b;
    return v;
  };
  // First pass: the normal stream, until `count` items have ended.
  const normal: number[] = [];
  const limit = bytes.length * 8;
  let pos = HEADER_BYTES * 8;
  let ended = 0;
  let exceptions = 0;
  while (ended < count) {
    if (pos + NORMAL_BITS > limit) return { ok: false, reason: `truncated: ${ended} of ${count} items before the data ran out` };
    const v = read(pos, NORMAL_BITS);
    pos += NORMAL_BITS;
    normal.push(v);
    if (v === 0) ended++;
    else if (v === NORMAL_MAX) exceptions++;
  }
  let epos = Math.ceil(pos / 8) * 8;
  if (epos + exceptions * EXCEPTION_BITS > bytes.length * 8) return { ok: false, reason: 'truncated: the exceptional bits are missing' };
  const items = new Uint32Array(count);
  let previous = 0;
  let bit = 0;
  let item = 0;
  let value = 0;
  for (const v of normal) {
    if (v === 0) {
      previous = (value ^ previous) >>> 0;
      items[item++] = previous;
      value = 0;
      bit = 0;
      continue;
    }
    let gap = v;
    if (v === NORMAL_MAX) {
      gap += read(epos, EXCEPTION_BITS);
      epos += EXCEPTION_BITS;
    }
    bit += gap;
    if (bit > 32) return { ok: false, reason: `item ${item} sets bit ${bit}, past bit 32` };
    value = (value | (1 << (bit - 1))) >>> 0;
  }
  return { ok: true, value: { algorithm, items } };
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The fpcalc string: compressed bytes in base64url, no padding. */
export function encodeFingerprint(items: Uint32Array, algorithm = ALGORITHM_TEST2): string {
  return Buffer.from(compressFingerprint(items, algorithm)).toString('base64url');
}

/** Parses an fpcalc string (base64url, unpadded; '+', '/' and '=' padding are tolerated). */
export function decodeFingerprint(text: string): DecodeResult {
  const s = text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  if (!BASE64URL.test(s)) return { ok: false, reason: 'not base64url (A–Z a–z 0–9 - _)' };
  if (s.length % 4 === 1) return { ok: false, reason: 'not base64url: its length leaves a stray character' };
  return decompressFingerprint(Buffer.from(s, 'base64url'));
}
