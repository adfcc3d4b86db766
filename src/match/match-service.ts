import { MATCHING_BY_DEFAULT, type SignalStatus } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import { byScopeThenDistance, scopeOf, type MatchScope } from '../signals/signal-type.js';
import type { SignalRecord } from '../domain/signal-record.js';
import type { SignalPort } from '../store/store.js';
import type { IndexService } from './index-service.js';
import type { MatchCounter } from './match-counter.js';
import { matchVariant } from './match-variant.js';

export interface MatchQuery {
  readonly type: string;
  readonly value: string;
  /** How the value itself was taken from the content (e.g. `soundtrack`), reported on its matches. */
  readonly variant?: string;
  /** Named variants to look up too (PDQ rotations, tempo changes). */
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

/** Signal records kept in memory for match answers; past this the oldest tenth is dropped. */
const PROVENANCE_CACHE = 200_000;

/**
 * Answers "is this known?" for validated signal values: index search at each type's
 * threshold, status filter, then the provenance of the hits (label, contributor, bank).
 * Provenance comes from a cache of signal records that drops a record whenever the index
 * hears of a change to it, so a match costs no database read for signals matched before.
 * The status is the index's: current at once for this process's writes (routes apply
 * them to the index), within the change-log poll for other processes' writes.
 */
export class MatchService {
  private readonly provenance = new Map<number, SignalRecord>();
  /** Bumped on every change the index hears of: a read that overlapped one is not cached. */
  private epoch = 0;

  constructor(
    private readonly registry: SignalRegistry,
    private readonly index: IndexService,
    private readonly store: Pick<SignalPort, 'getSignals'>,
    private readonly counter: MatchCounter,
  ) {
    index.onApply((ids) => {
      this.epoch += 1;
      for (const id of ids) this.provenance.delete(id);
    });
  }

  private async records(ids: readonly number[]): Promise<Map<number, SignalRecord>> {
    const found = new Map<number, SignalRecord>();
    const missing: number[] = [];
    for (const id of ids) {
      const r = this.provenance.get(id);
      if (r) found.set(id, r);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const epoch = this.epoch;
    const fetched = await this.store.getSignals(missing);
    const cacheable = epoch === this.epoch;
    if (cacheable && this.provenance.size + fetched.length > PROVENANCE_CACHE) {
      let drop = Math.ceil(PROVENANCE_CACHE / 10);
      for (const id of this.provenance.keys()) {
        if (drop-- <= 0) break;
        this.provenance.delete(id);
      }
    }
    for (const r of fetched) {
      found.set(r.id, r);
      if (cacheable) this.provenance.set(r.id, r);
    }
    return found;
  }

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
      for (const lookup of [{ name: q.variant, value: q.value, alternate: undefined as string | undefined }, ...(q.alternates ?? []).map((a) => ({ ...a, alternate: a.name }))]) {
        for (const hit of this.index.search(q.type, lookup.value, threshold, allowed, lookup.alternate)) {
          const seen = best.get(hit.id);
          if (seen && seen.distance <= hit.distance) continue;
          const variant = matchVariant(lookup.name, hit.variant);
          best.set(hit.id, { distance: hit.distance, ...(variant ? { variant } : {}) });
        }
      }
      return best;
    });
    const ids = [...new Set(perQuery.flatMap((m) => [...m.keys()]))];
    const records = ids.length > 0 ? await this.records(ids) : new Map<number, SignalRecord>();
    return queries.map((q, i) => {
      const matches: SignalMatch[] = [];
      for (const [id, hit] of perQuery[i]!) {
        const r = records.get(id);
        const status = this.index.statusAt(id) ?? r?.status;
        if (!r || !status || !allowed.has(status)) continue;
        this.counter.add(id);
        matches.push({ signalId: id, bankId: r.bankId, type: r.type, value: r.value, distance: hit.distance, scope: scopeOf(this.registry.get(r.type), hit.distance), label: r.label, contributor: r.contributor, status, ...(hit.variant ? { variant: hit.variant } : {}) });
      }
      matches.sort((a, b) => byScopeThenDistance(a, b) || a.signalId - b.signalId);
      return { query: { type: q.type, value: q.value }, matches };
    });
  }
}
