import type { SignalIndex } from '../../src/index/signal-index.js';
import type { SignalRegistry } from '../../src/signals/signal-registry.js';
import type { HashedItem } from './robustness-hash.js';
import { ORIGINAL } from './robustness-item.js';

/**
 * A way a node can find audio or video: the signal types it looks up, each through its
 * index at the type's threshold, with or without the query's alternates (tempo changes,
 * mirrored frames), as `POST /v1/match` does. A hit through any type counts.
 */
export interface AvLens {
  readonly label: string;
  readonly lookups: readonly { readonly type: string; readonly alternates: boolean }[];
}

/** The audio and video lenses: the plain path (today's values, no alternates) and the new default path. */
export const AV_LENSES = {
  audio: [
    { label: 'plain chromaprint', lookups: [{ type: 'audio_chromaprint', alternates: false }] },
    { label: 'narrowband + tempo', lookups: [{ type: 'audio_chromaprint_narrowband', alternates: true }] },
    { label: 'default (both)', lookups: [{ type: 'audio_chromaprint', alternates: true }, { type: 'audio_chromaprint_narrowband', alternates: true }] },
  ],
  video: [
    { label: 'plain vpdq', lookups: [{ type: 'vpdq', alternates: false }] },
    { label: 'vpdq + mirror', lookups: [{ type: 'vpdq', alternates: true }] },
    { label: 'vpdq_multi', lookups: [{ type: 'vpdq_multi', alternates: true }] },
    { label: 'frames alone', lookups: [{ type: 'vpdq', alternates: true }, { type: 'vpdq_multi', alternates: true }] },
    { label: 'soundtrack plain', lookups: [{ type: 'audio_chromaprint', alternates: false }] },
    { label: 'soundtrack nb + tempo', lookups: [{ type: 'audio_chromaprint_narrowband', alternates: true }] },
    {
      label: 'frames + soundtrack',
      lookups: [
        { type: 'vpdq', alternates: true },
        { type: 'vpdq_multi', alternates: true },
        { type: 'audio_chromaprint', alternates: true },
        { type: 'audio_chromaprint_narrowband', alternates: true },
      ],
    },
  ],
} as const satisfies Record<'audio' | 'video', readonly AvLens[]>;

/** One hit of a query on a reference: how near, and through which variant. */
interface Hit {
  readonly distance: number;
  readonly variant?: string;
}

export interface AvLensResult {
  readonly lens: AvLens;
  /** Per transform: variants whose own original was found / variants, and the variants named on the hits. */
  readonly recall: Record<string, { found: number; of: number; unmatchable: number; variants: Record<string, number>; missed: string[] }>;
  /**
   * For a lens of one type: the distance of each variant to its own original and of each
   * query to its nearest impostor (searched up to CURVE_MAX), and recall / false matches
   * at a few thresholds: the curve the type's threshold is chosen from.
   */
  readonly curve?: { threshold: number; recall: number; falseMatches: number }[];
  /** Impostor pairs: each variant against every other reference, each reference against every other. */
  readonly impostors: { pairs: number; falseMatches: number; examples: string[] };
  /** ms per query (every lookup of the lens), median and max. */
  readonly queryMs: { median: number; p90: number; max: number };
}

/** Index bytes per entry of each type over the references. */
export type IndexCost = Record<string, { entries: number; bytesPerEntry: number }>;

/**
 * Scores the lenses of one kind: an index per signal type over the references (the
 * originals and the distractors), then every item as a query. Every pair that is not an
 * item and its own original is an impostor pair; a hit on one is a false match.
 */
export function scoreAv(
  registry: SignalRegistry,
  kind: 'audio' | 'video',
  items: readonly HashedItem[],
  distractors: readonly HashedItem[],
): { lenses: AvLensResult[]; indexCost: IndexCost } {
  const references = [...items.filter((i) => i.transform === ORIGINAL), ...distractors];
  const queries = [...items, ...distractors];
  const types = [...new Set(AV_LENSES[kind].flatMap((l) => l.lookups.map((x) => x.type)))];
  const indexes = new Map<string, SignalIndex>();
  const indexCost: IndexCost = {};
  for (const type of types) {
    const index = registry.get(type).createIndex();
    references.forEach((r, id) => {
      const s = r.signals.get(type);
      if (s) index.add(id, s.value);
    });
    indexes.set(type, index);
    indexCost[type] = { entries: index.size, bytesPerEntry: index.size ? Math.round(index.memoryBytes() / index.size) : 0 };
  }
  const lenses = AV_LENSES[kind].map((lens): AvLensResult => {
    const recall: AvLensResult['recall'] = {};
    const impostors = { pairs: 0, falseMatches: 0, examples: [] as string[] };
    const times: number[] = [];
    const genuine: number[] = [];
    const impostor: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      const hits = search(registry, indexes, lens, q);
      times.push(performance.now() - start);
      const own = references.findIndex((r) => r.transform === ORIGINAL && r.original === q.original && !distractors.includes(r));
      const self = references.indexOf(q);
      for (const [id, hit] of hits) {
        if (id === own || id === self) continue;
        impostors.falseMatches++;
        if (impostors.examples.length < 8) impostors.examples.push(`${q.original} [${q.transform}] ~ ${references[id]!.original}: ${hit.distance}${hit.variant ? ` (${hit.variant})` : ''}`);
      }
      impostors.pairs += references.length - (own >= 0 || self >= 0 ? 1 : 0);
      if (q.transform === ORIGINAL) continue;
      const row = (recall[q.transform] ??= { found: 0, of: 0, unmatchable: 0, variants: {}, missed: [] });
      row.of++;
      if (!lens.lookups.some((l) => q.signals.get(l.type)?.matchable)) row.unmatchable++;
      const hit = hits.get(own);
      if (hit) {
        row.found++;
        const name = hit.variant ?? 'value';
        row.variants[name] = (row.variants[name] ?? 0) + 1;
      } else row.missed.push(q.original);
    }
    // The curve, for lenses of one type: nearest own-original and nearest impostor distance of each query, searched wide.
    if (lens.lookups.length === 1) {
      for (const q of queries) {
        const wide = search(registry, indexes, lens, q, CURVE_MAX);
        const own = references.findIndex((r) => r.transform === ORIGINAL && r.original === q.original && !distractors.includes(r));
        const self = references.indexOf(q);
        if (q.transform !== ORIGINAL) genuine.push(wide.get(own)?.distance ?? Infinity);
        for (const [id, hit] of wide) if (id !== own && id !== self) impostor.push(hit.distance);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100;
    const curve = genuine.length
      ? (CURVE_THRESHOLDS[lens.lookups[0]!.type] ?? CURVE_THRESHOLDS.default!).map((threshold) => ({ threshold, recall: Math.round((1000 * genuine.filter((d) => d <= threshold).length) / genuine.length) / 1000, falseMatches: impostor.filter((d) => d <= threshold).length }))
      : undefined;
    return { lens, recall, impostors, queryMs: { median: at(0.5), p90: at(0.9), max: at(1) }, ...(curve ? { curve } : {}) };
  });
  return { lenses, indexCost };
}

/** How far the curve searches, on the types' own scales (chromaprint 0–500, vpdq 0–100). */
const CURVE_MAX = 350;
/** Thresholds the curve is read at, per type scale: chromaprint's 0–500, the video types' 0–100. */
const CURVE_THRESHOLDS: Record<string, readonly number[]> = {
  default: [100, 150, 175, 200, 225, 250, 300],
  vpdq: [5, 10, 20, 30, 40, 50, 60, 80],
  vpdq_multi: [5, 10, 20, 30, 40, 50, 60, 80],
};

/** Hits of one query under a lens: per reference id, the nearest hit of any lookup, within `wide` or each type's threshold. */
function search(registry: SignalRegistry, indexes: ReadonlyMap<string, SignalIndex>, lens: AvLens, q: HashedItem, wide?: number): Map<number, Hit> {
  const hits = new Map<number, Hit>();
  for (const { type, alternates } of lens.lookups) {
    const s = q.signals.get(type);
    if (!s || !s.matchable) continue; // a node never matches an unmatchable value
    const threshold = wide === undefined ? registry.get(type).threshold : Math.min(wide, registry.get(type).maxDistance);
    const lookups = [{ name: s.variant, value: s.value }, ...(alternates ? (s.alternates ?? []) : [])];
    for (const lookup of lookups) {
      for (const { id, distance } of indexes.get(type)!.search(lookup.value, threshold)) {
        const seen = hits.get(id);
        if (!seen || distance < seen.distance) hits.set(id, { distance, ...(lookup.name ? { variant: `${type} ${lookup.name}` } : { variant: type }) });
      }
    }
  }
  return hits;
}

/** The lens results as printable lines: recall per transform side by side, then impostors and query time. */
export function avTables(kind: string, lenses: readonly AvLensResult[], indexCost: IndexCost): string[] {
  const transforms = [...new Set(lenses.flatMap((l) => Object.keys(l.recall)))];
  const head = ['transform', ...lenses.map((l) => l.lens.label)];
  const body = transforms.map((t) => [
    t,
    ...lenses.map((l) => {
      const r = l.recall[t];
      return r ? `${r.found}/${r.of} ${Math.round((100 * r.found) / Math.max(1, r.of))}%${r.unmatchable ? ` u${r.unmatchable}` : ''}` : '—';
    }),
  ]);
  const totals = ['all variants', ...lenses.map((l) => {
    const found = Object.values(l.recall).reduce((n, r) => n + r.found, 0);
    const of = Object.values(l.recall).reduce((n, r) => n + r.of, 0);
    return `${found}/${of} ${((100 * found) / Math.max(1, of)).toFixed(1)}%`;
  })];
  const fm = ['false matches / impostor pairs', ...lenses.map((l) => `${l.impostors.falseMatches}/${l.impostors.pairs}`)];
  const ms = ['query ms median (p90)', ...lenses.map((l) => `${l.queryMs.median} (${l.queryMs.p90})`)];
  const table = [head, ...body, totals, fm, ms];
  const widths = head.map((_, c) => Math.max(...table.map((row) => row[c]!.length)) + 3);
  const lines = [`${kind}: recall per transform at each type's threshold (through the index, as a node matches), plain vs new`];
  lines.push(...table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('').trimEnd()));
  for (const l of lenses) for (const e of l.impostors.examples.slice(0, 4)) lines.push(`    ${l.lens.label} false match: ${e}`);
  for (const l of lenses) {
    const missed = Object.entries(l.recall).filter(([, r]) => r.missed.length).map(([t, r]) => `${t}: ${r.missed.join(', ')}`);
    if (missed.length) lines.push(`    ${l.lens.label} missed: ${missed.join('; ')}`);
  }
  for (const l of lenses) {
    if (l.curve) lines.push(`  ${l.lens.label} curve (threshold: recall, impostor hits): ${l.curve.map((c) => `${c.threshold}: ${c.recall}, ${c.falseMatches}`).join(' | ')}`);
  }
  lines.push(`  index bytes per entry: ${Object.entries(indexCost).map(([t, c]) => `${t} ${c.bytesPerEntry} (${c.entries} entries)`).join(', ')}`);
  return lines;
}
