import { hamming256, hexToWords } from '../../src/index/hash256.js';
import { pairLimit } from '../../src/signals/pdq-multi/pdq-multi-evidence.js';
import { PAIRS, pairVariant, type Slot } from '../../src/signals/pdq-multi/pdq-multi-slots.js';
import { parseMultiValue } from '../../src/signals/pdq-multi/pdq-multi-value.js';

/** One hashed image as the per-kind curves read it: its `pdq_multi` value and alternates. */
export interface KindItem {
  /** The original a variant comes from, or a distractor's source: pairs within a group are not impostors. */
  readonly group: string;
  readonly role: 'original' | 'variant' | 'distractor';
  readonly transform: string;
  readonly value: string;
  readonly alternates: readonly { readonly name: string; readonly value: string }[];
  readonly matchable: boolean;
}

/**
 * What kind of evidence a match is: the lookup (`plain`, `dihedral`, `trim:exact`) and the
 * slot pair (`whole`, `trim`, `band`, `window`, `window:query`), e.g. `dihedral+band`.
 * The seven turns and mirrors are one kind: they are looked up the same way.
 */
export function variantKind(lookup: string | undefined, pair: string | undefined): string {
  const l = lookup === undefined ? 'plain' : lookup.startsWith('dihedral:') ? 'dihedral' : lookup;
  const p = pair === undefined ? 'whole' : pair === 'region:band' ? 'band' : pair.startsWith('window:query-') ? 'window:query' : pair.startsWith('window:') ? 'window' : pair;
  return `${l}+${p}`;
}

/** Curves of one kind of evidence: impostor pairs and genuine variants (per transform) at or below each distance. */
export interface KindCurve {
  /** The distance this kind of evidence counts to at the type's threshold (pdq-multi-evidence.ts). */
  readonly limit: number;
  readonly impostorsAtOrBelow: number[];
  readonly nearestImpostor: number | string;
  readonly genuineAtOrBelow: Record<string, number[]>;
  /** Genuine variants whose nearest evidence of any kind is this kind, at or below each distance. */
  readonly onlyWayAtOrBelow: Record<string, number[]>;
}

/**
 * For every (query, known) pair and every kind of evidence, the smallest distance through
 * that kind alone, by brute force over the slot pairs (every lookup: the value and each
 * alternate), before any limit per kind. Shows how near impostors come through each kind
 * and where genuine copies are found, the curves a rule per kind is chosen from.
 */
export function variantKindCurves(items: readonly KindItem[], radius: number, threshold: number): Record<string, KindCurve> {
  const prepared = items.map((item) => ({ item, lookups: [{ name: undefined as string | undefined, slots: words(item.value) }, ...item.alternates.map((a) => ({ name: a.name as string | undefined, slots: words(a.value) }))] }));
  const known = prepared.filter((p) => p.item.role !== 'variant' && p.item.matchable);
  const impostors = new Map<string, number[]>();
  const genuine = new Map<string, Map<string, number[]>>();
  const onlyWay = new Map<string, Map<string, number[]>>();
  const histogram = (map: Map<string, number[]>, kind: string) => map.get(kind) ?? (map.set(kind, new Array<number>(radius + 1).fill(0)), map.get(kind)!);
  const byTransform = (map: Map<string, Map<string, number[]>>, kind: string) => map.get(kind) ?? (map.set(kind, new Map()), map.get(kind)!);
  const perKind = new Map<string, number>();
  const limits = new Map<string, number>();
  for (const q of prepared) {
    if (!q.item.matchable) continue;
    for (const k of known) {
      const own = k.item.group === q.item.group;
      if (own && (k.item.role !== 'original' || q.item.role !== 'variant')) continue;
      perKind.clear();
      const kslots = k.lookups[0]!.slots;
      for (const lookup of q.lookups) {
        for (const [a, b] of PAIRS) {
          const h = lookup.slots.get(a);
          const g = kslots.get(b);
          if (!h || !g) continue;
          const d = hamming256(h, 0, g, 0);
          if (d > radius) continue;
          const kind = variantKind(lookup.name, pairVariant(a, b));
          if (!limits.has(kind)) limits.set(kind, pairLimit(a, threshold, lookup.name));
          const seen = perKind.get(kind);
          if (seen === undefined || d < seen) perKind.set(kind, d);
        }
      }
      if (perKind.size === 0) continue;
      let nearestKind = '';
      let nearest = Infinity;
      for (const [kind, d] of perKind) {
        if (own) histogram(byTransform(genuine, kind), q.item.transform)[d]!++;
        else histogram(impostors, kind)[d]!++;
        if (d < nearest) [nearest, nearestKind] = [d, kind];
      }
      if (own) histogram(byTransform(onlyWay, nearestKind), q.item.transform)[nearest]!++;
    }
  }
  const cumulative = (hist: number[]) => {
    let run = 0;
    return hist.map((n) => (run += n));
  };
  const kinds = [...new Set([...impostors.keys(), ...genuine.keys()])].sort();
  return Object.fromEntries(
    kinds.map((kind) => {
      const imp = impostors.get(kind) ?? new Array<number>(radius + 1).fill(0);
      const first = imp.findIndex((n) => n > 0);
      const curves = (map: Map<string, Map<string, number[]>>) => Object.fromEntries([...(map.get(kind) ?? new Map<string, number[]>())].map(([t, h]) => [t, cumulative(h)]));
      return [kind, { limit: limits.get(kind)!, impostorsAtOrBelow: cumulative(imp), nearestImpostor: first < 0 ? `> ${radius}` : first, genuineAtOrBelow: curves(genuine), onlyWayAtOrBelow: curves(onlyWay) }];
    }),
  );
}

function words(value: string): Map<Slot, Uint32Array> {
  const parsed = parseMultiValue(value);
  if (!parsed.ok) throw new Error(parsed.message);
  const out = new Map<Slot, Uint32Array>();
  for (const [slot, hex] of parsed.value.slots) {
    const w = new Uint32Array(8);
    hexToWords(hex, w);
    out.set(slot, w);
  }
  return out;
}
