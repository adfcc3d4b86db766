import type { SignalIndex } from '../index/signal-index.js';
import type { SignalListEntry } from '../signals/signal-list.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { Label } from '../taxonomy/labels.js';
import { matchVariant } from './match-variant.js';
import { byScopeThenDistance, scopeOf, type MatchScope } from '../signals/signal-type.js';

/** A known signal that a query came within threshold of. */
export interface ListMatch {
  readonly type: string;
  readonly value: string;
  readonly distance: number;
  readonly scope: MatchScope;
  readonly label?: Label;
  /** How it matched when not value against value: a query variant (PDQ `rot90`), an index's part (`window:centre-0.9`), or both joined by `+`. */
  readonly variant?: string;
}

/** A value to look up, with its optional named variants. */
export interface ListQuery {
  readonly type: string;
  readonly value: string;
  /** How the value itself was taken from the content (e.g. `soundtrack`), reported on its matches. */
  readonly variant?: string;
  readonly alternates?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Matches queries against an in-memory list of known signals, one index per signal type,
 * each searched at its type's threshold.
 */
export class ListMatcher {
  private readonly indexes = new Map<string, SignalIndex>();
  private readonly entries: SignalListEntry[] = [];

  constructor(private readonly registry: SignalRegistry, entries: readonly SignalListEntry[]) {
    for (const entry of entries) {
      let index = this.indexes.get(entry.type);
      if (!index) {
        index = registry.get(entry.type).createIndex();
        this.indexes.set(entry.type, index);
      }
      index.add(this.entries.length, entry.value);
      this.entries.push(entry);
    }
  }

  /** Matches of one query, nearest first; one row per known signal, at its nearest variant. */
  match(query: ListQuery): ListMatch[] {
    const index = this.indexes.get(query.type);
    if (!index) return [];
    const type = this.registry.get(query.type);
    const threshold = type.threshold;
    const best = new Map<number, ListMatch>();
    const lookups = [{ name: query.variant, value: query.value, alternate: undefined as string | undefined }, ...(query.alternates ?? []).map((a) => ({ ...a, alternate: a.name }))];
    for (const lookup of lookups) {
      for (const hit of index.search(lookup.value, threshold, lookup.alternate)) {
        const seen = best.get(hit.id);
        if (seen && seen.distance <= hit.distance) continue;
        const entry = this.entries[hit.id]!;
        best.set(hit.id, {
          type: entry.type,
          value: entry.value,
          distance: hit.distance,
          scope: scopeOf(type, hit.distance),
          ...(entry.label ? { label: entry.label } : {}),
          ...(matchVariant(lookup.name, hit.variant) ? { variant: matchVariant(lookup.name, hit.variant)! } : {}),
        });
      }
    }
    return [...best.values()].sort(byScopeThenDistance);
  }
}
