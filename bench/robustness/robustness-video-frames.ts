import { HASH256_WORDS, popcount32 } from '../../src/index/hash256.js';
import { distanceFromSpans, spanCount, spanOf } from '../../src/signals/vpdq-multi/vpdq-multi-match.js';
import { comparedSlots, VIDEO_SLOTS } from '../../src/signals/vpdq-multi/vpdq-multi-slots.js';
import { packedOf, type PackedFrames } from '../../src/signals/vpdq-multi/vpdq-multi-value.js';
import type { HashedItem } from './robustness-hash.js';
import { ORIGINAL } from './robustness-item.js';

/** Frame thresholds (bits) the curve is read at. */
export const FRAME_BITS = [20, 24, 28, 31, 34, 38, 42] as const;
/** Video thresholds (100 − % of spans matched) the curve is read at. */
export const SPAN_THRESHOLDS = [10, 20, 30, 40, 50] as const;

export interface FrameCurvePoint {
  readonly frameBits: number;
  readonly threshold: number;
  /** Variants found by their own original / variants with a value. */
  readonly recall: number;
  /** Impostor pairs within the threshold. */
  readonly falseMatches: number;
}

export interface FrameCurve {
  readonly type: 'vpdq_multi';
  readonly genuinePairs: number;
  readonly impostorPairs: number;
  /** Smallest Hamming distance between compared slots of any impostor pair: how near unrelated videos' frames come. */
  readonly nearestImpostorFrameBits: number;
  /** Per frame threshold: the nearest impostor video distance. */
  readonly nearestImpostorDistance: Record<number, number>;
  readonly points: FrameCurvePoint[];
}

/**
 * Both thresholds of `vpdq_multi` from one pass: for every (query lookup, reference) pair,
 * the nearest partner of each frame on either side, then the span shares — and so the
 * video distance — at each frame threshold. Genuine pairs are each variant against its own
 * original; impostor pairs every other (query, reference) pair, distractors included.
 */
export function vpdqMultiFrameCurve(items: readonly HashedItem[], distractors: readonly HashedItem[]): FrameCurve | undefined {
  const references = [...items.filter((i) => i.transform === ORIGINAL), ...distractors].filter((r) => r.signals.has('vpdq_multi'));
  const queries = [...items, ...distractors].filter((q) => q.signals.has('vpdq_multi'));
  if (references.length === 0) return undefined;
  const genuine: number[][] = [];
  const impostor: number[][] = [];
  let nearestFrame = 256;
  for (const q of queries) {
    const s = q.signals.get('vpdq_multi')!;
    const lookups = [s.value, ...(s.alternates ?? []).map((a) => a.value)].map(packedOf);
    for (const r of references) {
      const isOwn = r.original === q.original && !distractors.includes(r) && q.transform !== ORIGINAL;
      const isSelf = r === q;
      if (isSelf) continue;
      const known = packedOf(r.signals.get('vpdq_multi')!.value);
      // Distance per frame threshold: the best over the query's lookups.
      const best = FRAME_BITS.map(() => 100);
      for (const lookup of lookups) {
        const { a, b, nearest } = nearestPartners(lookup, known);
        if (!isOwn && r.original !== q.original) nearestFrame = Math.min(nearestFrame, nearest);
        FRAME_BITS.forEach((bits, k) => {
          const d = distanceFromSpans({ querySpans: spanCount(lookup), queryMatched: spansWithin(lookup, a, bits), knownSpans: spanCount(known), knownMatched: spansWithin(known, b, bits) });
          best[k] = Math.min(best[k]!, d);
        });
      }
      if (isOwn) genuine.push(best);
      else if (r.original !== q.original) impostor.push(best);
    }
  }
  const points: FrameCurvePoint[] = [];
  const nearestImpostorDistance: Record<number, number> = {};
  FRAME_BITS.forEach((bits, k) => {
    nearestImpostorDistance[bits] = Math.min(100, ...impostor.map((d) => d[k]!));
    for (const threshold of SPAN_THRESHOLDS) {
      points.push({
        frameBits: bits,
        threshold,
        recall: Math.round((1000 * genuine.filter((d) => d[k]! <= threshold).length) / Math.max(1, genuine.length)) / 1000,
        falseMatches: impostor.filter((d) => d[k]! <= threshold).length,
      });
    }
  });
  return { type: 'vpdq_multi', genuinePairs: genuine.length, impostorPairs: impostor.length, nearestImpostorFrameBits: nearestFrame, nearestImpostorDistance, points };
}

/** Each frame's nearest partner (bits) on the other side, over compared slot pairs. */
function nearestPartners(a: PackedFrames, b: PackedFrames): { a: Uint16Array; b: Uint16Array; nearest: number } {
  const na = new Uint16Array(a.ms.length).fill(256);
  const nb = new Uint16Array(b.ms.length).fill(256);
  let nearest = 256;
  for (let i = 0; i < a.frameOf.length; i++) {
    const slotA = VIDEO_SLOTS[a.slotOf[i]!]!;
    for (let j = 0; j < b.frameOf.length; j++) {
      if (!comparedSlots(slotA, VIDEO_SLOTS[b.slotOf[j]!]!)) continue;
      let d = 0;
      for (let k = 0; k < HASH256_WORDS; k++) d += popcount32(a.words[i * HASH256_WORDS + k]! ^ b.words[j * HASH256_WORDS + k]!);
      const fa = a.frameOf[i]!;
      const fb = b.frameOf[j]!;
      if (d < na[fa]!) na[fa] = d;
      if (d < nb[fb]!) nb[fb] = d;
      if (d < nearest) nearest = d;
    }
  }
  return { a: na, b: nb, nearest };
}

function spansWithin(p: PackedFrames, nearest: Uint16Array, bits: number): number {
  const spans = new Set<number>();
  nearest.forEach((d, f) => d <= bits && spans.add(spanOf(p.ms[f]!)));
  return spans.size;
}

/** The curve as printable lines: a row per frame threshold, recall and false matches at each video threshold. */
export function frameCurveLines(curve: FrameCurve): string[] {
  const lines = [
    `vpdq_multi thresholds from measured curves: ${curve.genuinePairs} genuine pairs (variant vs own original), ${curve.impostorPairs} impostor pairs; nearest impostor frame pair ${curve.nearestImpostorFrameBits} bits`,
    `  frame bits | ${SPAN_THRESHOLDS.map((t) => `≤${t}: recall, false`).join(' | ')} | nearest impostor`,
  ];
  for (const bits of FRAME_BITS) {
    const row = curve.points.filter((p) => p.frameBits === bits).map((p) => `${p.recall.toFixed(3)}, ${p.falseMatches}`);
    lines.push(`  ${String(bits).padStart(10)} | ${row.join(' | ')} | ${curve.nearestImpostorDistance[bits]}`);
  }
  return lines;
}
