import { HASH256_WORDS, popcount32 } from '../../index/hash256.js';
import { comparedSlots, VIDEO_SLOTS } from './vpdq-multi-slots.js';
import { packedOf, type PackedFrames } from './vpdq-multi-value.js';

/** Two frames match when a compared pair of their slots is within this many bits (inclusive). */
export const VPDQ_MULTI_FRAME_DISTANCE = 31;
/**
 * Matching counts spans of this many milliseconds, not frames. A query sampled at every frame
 * (the `dense` lookup) has many frames a span, the known value about one;
 * a span of 1.25 s of the query, at any speed from 0.8× up, holds a moment the known video
 * was sampled at, so a sped-up or off-the-second copy still has every span matched.
 */
export const VPDQ_MULTI_SPAN_MS = 1250;
/** `distance` of two videos that share no frame. */
export const VPDQ_MULTI_NO_OVERLAP = 100;

/** Spans of each side, and how many of them hold a frame with a partner in the other video. */
export interface SpanOverlap {
  readonly querySpans: number;
  readonly queryMatched: number;
  readonly knownSpans: number;
  readonly knownMatched: number;
}

/** The number of distinct spans a value's frames fall in. */
export function spanCount(p: PackedFrames): number {
  return new Set(Array.from(p.ms, spanOf)).size;
}

export const spanOf = (ms: number): number => Math.floor(ms / VPDQ_MULTI_SPAN_MS);

/**
 * Brute force: every compared slot pair of every frame pair. A frame has a partner when
 * some compared pair (vpdq-multi-slots.ts `comparedSlots`) is within 31 bits; a span is
 * matched when one of its frames has a partner.
 */
export function spanOverlap(a: PackedFrames, b: PackedFrames, frameBits = VPDQ_MULTI_FRAME_DISTANCE): SpanOverlap {
  const aHit = new Uint8Array(a.ms.length);
  const bHit = new Uint8Array(b.ms.length);
  const na = a.frameOf.length;
  const nb = b.frameOf.length;
  for (let i = 0; i < na; i++) {
    const slotA = VIDEO_SLOTS[a.slotOf[i]!]!;
    for (let j = 0; j < nb; j++) {
      if (aHit[a.frameOf[i]!] && bHit[b.frameOf[j]!]) continue;
      if (!comparedSlots(slotA, VIDEO_SLOTS[b.slotOf[j]!]!)) continue;
      if (within(a.words, i * HASH256_WORDS, b.words, j * HASH256_WORDS, frameBits)) aHit[a.frameOf[i]!] = bHit[b.frameOf[j]!] = 1;
    }
  }
  return { querySpans: spanCount(a), queryMatched: matchedSpans(a, aHit), knownSpans: spanCount(b), knownMatched: matchedSpans(b, bHit) };
}

function matchedSpans(p: PackedFrames, hit: Uint8Array): number {
  const spans = new Set<number>();
  hit.forEach((h, f) => h && spans.add(spanOf(p.ms[f]!)));
  return spans.size;
}

/**
 * 100 − ⌊the larger share (%) of either video's spans matched⌋, at least 1 (0 is for
 * identical values): the vpdq rule, over spans of time instead of frames, so symmetric.
 */
export function distanceFromSpans(o: SpanOverlap): number {
  const share = (m: number, n: number) => (n === 0 ? 0 : Math.floor((m * 100) / n));
  return Math.max(1, VPDQ_MULTI_NO_OVERLAP - Math.max(share(o.queryMatched, o.querySpans), share(o.knownMatched, o.knownSpans)));
}

/** The brute-force `vpdq_multi` distance of two validated values; the reference for the index. */
export function vpdqMultiDistance(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 0;
  return distanceFromSpans(spanOverlap(packedOf(a), packedOf(b)));
}

function within(a: Uint32Array, aOff: number, b: Uint32Array, bOff: number, bits: number): boolean {
  let d = 0;
  for (let k = 0; k < HASH256_WORDS && d <= bits; k++) d += popcount32(a[aOff + k]! ^ b[bOff + k]!);
  return d <= bits;
}

/**
 * The smallest Hamming distance over every compared slot pair of two values: how near two
 * videos' nearest frames come, for the bench's frame-threshold curve.
 */
export function nearestFramePair(a: PackedFrames, b: PackedFrames): number {
  let best = 256;
  for (let i = 0; i < a.frameOf.length; i++) {
    const slotA = VIDEO_SLOTS[a.slotOf[i]!]!;
    for (let j = 0; j < b.frameOf.length; j++) {
      if (!comparedSlots(slotA, VIDEO_SLOTS[b.slotOf[j]!]!)) continue;
      let d = 0;
      for (let k = 0; k < HASH256_WORDS && d < best; k++) d += popcount32(a.words[i * HASH256_WORDS + k]! ^ b.words[j * HASH256_WORDS + k]!);
      if (d < best) best = d;
    }
  }
  return best;
}
