import { ConcordError } from '../errors/concord-error.js';

/**
 * How multi-index hashing cuts the 256 bits into m contiguous words ("substrings").
 * Word t covers integer bits [starts[t], starts[t] + widths[t]); the first 256 mod m
 * words are one bit wider. Widths stay within 8..24 bits so a table's offsets array
 * (2^width + 1 uint32) stays bounded: m is 11..32.
 *
 * @example
 *   splitWords(12).widths;   // [22, 22, 22, 22, 21, 21, 21, 21, 21, 21, 21, 21]
 */
export interface WordSplit {
  readonly count: number;
  readonly widths: readonly number[];
  readonly starts: readonly number[];
}

export const MIN_WORDS = 11;
export const MAX_WORDS = 32;

export function splitWords(count: number): WordSplit {
  if (!(Number.isInteger(count) && count >= MIN_WORDS && count <= MAX_WORDS)) {
    throw new ConcordError('INTERNAL', `multi-index word count must be ${MIN_WORDS}..${MAX_WORDS}, got ${count}`);
  }
  const widths: number[] = [];
  const starts: number[] = [];
  let start = 0;
  for (let t = 0; t < count; t++) {
    const width = Math.floor(256 / count) + (t < 256 % count ? 1 : 0);
    widths.push(width);
    starts.push(start);
    start += width;
  }
  return { count, widths, starts };
}

/** Bits [start, start + width) of the hash at `words[offset..offset+8)`, width ≤ 24. */
export function extractWord(words: Uint32Array, offset: number, start: number, width: number): number {
  const i = offset + (start >>> 5);
  const shift = start & 31;
  let v = words[i] >>> shift;
  if (shift + width > 32) v |= words[i + 1] << (32 - shift);
  return v & ((1 << width) - 1);
}

/** Word (start, width) of each of `count` consecutive hashes into `out` (the build's hot loop). */
export function extractColumn(words: Uint32Array, count: number, start: number, width: number, out: Uint32Array): void {
  const shift = start & 31;
  const mask = (1 << width) - 1;
  let i = start >>> 5;
  if (shift + width <= 32) {
    for (let s = 0; s < count; s++, i += 8) out[s] = (words[i] >>> shift) & mask;
  } else {
    const up = 32 - shift;
    for (let s = 0; s < count; s++, i += 8) out[s] = ((words[i] >>> shift) | (words[i + 1] << up)) & mask;
  }
}
