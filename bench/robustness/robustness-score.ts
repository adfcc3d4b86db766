import type { SignalRegistry } from '../../src/signals/signal-registry.js';
import type { SignalType } from '../../src/signals/signal-type.js';
import type { HashedItem } from './robustness-hash.js';
import { ORIGINAL, type MediaKind } from './robustness-item.js';

/**
 * One way of matching a kind of media: a signal type, and whether the query's
 * alternates (PDQ's rotations and mirrors) are looked up too, as `match --dihedral` does.
 */
export interface Lens {
  readonly label: string;
  readonly type: string;
  readonly alternates: boolean;
}

const lens = (type: string, label = type, alternates = false): Lens => ({ label, type, alternates });

/** The signals measured for each kind of media. */
export const LENSES: Readonly<Record<MediaKind, readonly Lens[]>> = {
  image: [lens('pdq'), lens('pdq', 'pdq + dihedral', true), lens('md5'), lens('sha256')],
  video: [lens('vpdq'), lens('audio_chromaprint', 'chromaprint (soundtrack)'), lens('md5'), lens('sha256')],
  audio: [lens('audio_chromaprint', 'chromaprint'), lens('md5'), lens('sha256')],
};

/** How one query compares with one reference under a lens. */
type Outcome = { kind: 'compared'; distance: number; match: boolean } | { kind: 'unmatchable' } | { kind: 'missing'; reason: string };

/** Queries count only when both sides are matchable: a node never matches an unmatchable value (match-service). */
function compare(type: SignalType, l: Lens, query: HashedItem, reference: HashedItem): Outcome {
  const q = query.signals.get(l.type);
  const r = reference.signals.get(l.type);
  if (!q || !r) {
    const side = q ? reference : query;
    return { kind: 'missing', reason: side.problems.get(l.type) ?? side.problems.get('*') ?? 'no value' };
  }
  if (!q.matchable || !r.matchable) return { kind: 'unmatchable' };
  const lookups = [q.value, ...(l.alternates ? (q.alternates ?? []).map((a) => a.value) : [])];
  const distance = Math.min(...lookups.map((v) => type.distance(v, r.value)));
  return { kind: 'compared', distance, match: distance <= type.threshold };
}

/** Tallies of a set of comparisons. */
export interface Tally {
  pairs: number;
  compared: number;
  matched: number;
  unmatchable: number;
  missing: number;
  distances: number[];
  reasons: Set<string>;
  /** Each query's outcome by `original [transform]`: its distance, or why it was not compared. */
  outcomes: Record<string, number | 'unmatchable' | 'missing'>;
}

const emptyTally = (): Tally => ({ pairs: 0, compared: 0, matched: 0, unmatchable: 0, missing: 0, distances: [], reasons: new Set(), outcomes: {} });

function add(t: Tally, o: Outcome, label?: string): void {
  if (label) t.outcomes[label] = o.kind === 'compared' ? o.distance : o.kind;
  t.pairs++;
  if (o.kind === 'missing') {
    t.missing++;
    t.reasons.add(o.reason);
  } else if (o.kind === 'unmatchable') t.unmatchable++;
  else {
    t.compared++;
    t.distances.push(o.distance);
    if (o.match) t.matched++;
  }
}

/** Recall of one transform under one lens, and how often its outputs match other originals. */
export interface RecallRow {
  readonly kind: MediaKind;
  readonly transform: string;
  readonly lens: Lens;
  /** Absent when the registry has no such type. */
  readonly threshold?: number;
  readonly same: Tally;
  readonly others: Tally;
}

/** False matches among the distinct originals (ordered pairs: alternates make the comparison one-sided). */
export interface FalseMatchRow {
  readonly kind: MediaKind;
  readonly lens: Lens;
  readonly threshold?: number;
  readonly originals: Tally;
  /** Every variant against every original it does not come from. */
  readonly variants: Tally;
  /** Originals whose own value is unmatchable (quality under the type's minimum, or too short). */
  unmatchableOriginals: number;
  readonly examples: string[];
}

/** Compares every variant with its own original and with every other original, per lens. */
export function score(registry: SignalRegistry, items: readonly HashedItem[]): { recall: RecallRow[]; falseMatches: FalseMatchRow[] } {
  const recall: RecallRow[] = [];
  const falseMatches: FalseMatchRow[] = [];
  for (const kind of Object.keys(LENSES) as MediaKind[]) {
    const originals = items.filter((i) => i.kind === kind && i.transform === ORIGINAL);
    const variants = items.filter((i) => i.kind === kind && i.transform !== ORIGINAL);
    const transforms = [...new Set(variants.map((v) => v.transform))];
    if (originals.length === 0) continue;
    for (const l of LENSES[kind]) {
      const found = registry.lookup(l.type);
      const type = found.ok ? found.value : undefined;
      const fm: FalseMatchRow = { kind, lens: l, ...(type ? { threshold: type.threshold } : {}), originals: emptyTally(), variants: emptyTally(), unmatchableOriginals: 0, examples: [] };
      for (const transform of transforms) {
        const row: RecallRow = { kind, transform, lens: l, ...(type ? { threshold: type.threshold } : {}), same: emptyTally(), others: emptyTally() };
        recall.push(row);
        if (!type) continue;
        for (const v of variants.filter((x) => x.transform === transform)) {
          for (const o of originals) {
            const outcome = compare(type, l, v, o);
            if (o.original === v.original) add(row.same, outcome, v.original);
            else add(row.others, outcome);
            if (o.original !== v.original) {
              add(fm.variants, outcome);
              if (outcome.kind === 'compared' && outcome.match && fm.examples.length < 12) fm.examples.push(`${v.original} [${transform}] ~ ${o.original}: ${outcome.distance}`);
            }
          }
        }
      }
      if (type) {
        for (const a of originals) {
          const s = a.signals.get(l.type);
          if (s && !s.matchable) fm.unmatchableOriginals++;
          for (const b of originals) {
            if (a === b) continue;
            const outcome = compare(type, l, a, b);
            add(fm.originals, outcome);
            if (outcome.kind === 'compared' && outcome.match && fm.examples.length < 12) fm.examples.push(`${a.original} ~ ${b.original}: ${outcome.distance}`);
          }
        }
      }
      falseMatches.push(fm);
    }
  }
  return { recall, falseMatches };
}
