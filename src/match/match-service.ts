import { MATCHING_BY_DEFAULT, type SignalStatus } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import { byScopeThenDistance, scopeOf, type MatchScope } from '../signals/signal-type.js';
import type { Store } from '../store/store.js';
import type { IndexService } from './index-service.js';
import type { MatchCounter } from './match-counter.js';

export interface MatchQuery {
  readonly type: string;
  readonly value: string;
  /** Named variants to look up too (PDQ rotations). */
  readonly alternates?: readonly { readonly name: string; readonly value: string }[];
}

export interface SignalMatch {
  readonly signalId: number;
  readonly bankId: number;
  readonly type: string;
  readonly value: string;
  readonly distance: number;
  readonly scope: MatchScope;
  readonly label: string;
  readonly contributor: string;
  readonly status: SignalStatus;
  readonly variant?: string;
}

export interface MatchResult {
  readonly query: { readonly type: string; readonly value: string };
  readonly matches: SignalMatch[];
}

/**
 * Answers "is this known?" for validated signal values: index search at each type's
 * threshold, status filter, then one store read for the provenance of the hits.
 */
export class MatchService {
  constructor(
    private readonly registry: SignalRegistry,
    private readonly index: IndexService,
    private readonly store: Store,
    private readonly counter: MatchCounter,
  ) {}

  /** Validates every query first: one bad query rejects the request with its position. */
  validate(queries: readonly { type: string; value: string }[]): MatchQuery[] {
    return queries.map((q, i) => {
      const valid = this.registry.validate(q.type, q.value);
      if (!valid.ok) throw new ConcordError(valid.code, `signals[${i}]: ${valid.message}`);
      return { type: valid.value.type.name, value: valid.value.value };
    });
  }

  async match(queries: readonly MatchQuery[], statuses: readonly SignalStatus[] = MATCHING_BY_DEFAULT): Promise<MatchResult[]> {
    const allowed = new Set(statuses);
    const perQuery = queries.map((q) => {
      const threshold = this.registry.get(q.type).threshold;
      const best = new Map<number, { distance: number; variant?: string }>();
      for (const lookup of [{ name: undefined as string | undefined, value: q.value }, ...(q.alternates ?? [])]) {
        for (const hit of this.index.search(q.type, lookup.value, threshold, allowed)) {
          const seen = best.get(hit.id);
          if (!seen || hit.distance < seen.distance) best.set(hit.id, { distance: hit.distance, ...(lookup.name ? { variant: lookup.name } : {}) });
        }
      }
      return best;
    });
    const ids = [...new Set(perQuery.flatMap((m) => [...m.keys()]))];
    const records = new Map((await this.store.getSignals(ids)).map((r) => [r.id, r]));
    return queries.map((q, i) => {
      const matches: SignalMatch[] = [];
      for (const [id, hit] of perQuery[i]!) {
        const r = records.get(id);
        // The store is the truth: a status that changed since the index saw it wins.
        if (!r || !allowed.has(r.status)) continue;
        this.counter.add(id);
        matches.push({ signalId: id, bankId: r.bankId, type: r.type, value: r.value, distance: hit.distance, scope: scopeOf(this.registry.get(r.type), hit.distance), label: r.label, contributor: r.contributor, status: r.status, ...(hit.variant ? { variant: hit.variant } : {}) });
      }
      matches.sort((a, b) => byScopeThenDistance(a, b) || a.signalId - b.signalId);
      return { query: { type: q.type, value: q.value }, matches };
    });
  }
}
