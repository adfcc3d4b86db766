import type { Kysely } from 'kysely';
import type { SignalRecord } from '../domain/signal-record.js';
import type { Database } from './database-schema.js';
import { toSignal } from './store-rows.js';

/**
 * Read queries the exchange formats (TAXII, hash lists) need, kept beside the Store
 * rather than in it: they page by time of last change, which nothing else does.
 */

/**
 * Which distribution levels a query may return, as a prefilter in SQL. It must never be
 * wider than mayLeaveTowards (distribution.ts), which callers still apply to every row.
 */
export interface LevelFilter {
  readonly levels: readonly string[];
  /** Also every `group:*` level (the node's own keys). */
  readonly anyGroup: boolean;
}

/** A position in a bank's change order: after (updatedAt, id), or at it when `inclusive`. */
export interface ChangePosition {
  readonly updatedAt: string;
  readonly id: number;
}

/**
 * A bank's signals in the order they last changed (updated_at, then id), from `from`
 * (inclusive) and strictly after `addedAfter`, at the levels `filter` allows. Only
 * confirmed signals (four eyes): an unconfirmed one never leaves the node.
 */
export async function signalsByChange(
  db: Kysely<Database>,
  query: { bankId: number; filter: LevelFilter; from?: ChangePosition; addedAfter?: string; limit: number },
): Promise<SignalRecord[]> {
  const { filter, from } = query;
  if (filter.levels.length === 0 && !filter.anyGroup) return [];
  let q = db
    .selectFrom('signals')
    .selectAll()
    .where('bank_id', '=', query.bankId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => {
      const ors = [];
      if (filter.levels.length > 0) ors.push(eb('distribution', 'in', [...filter.levels]));
      if (filter.anyGroup) ors.push(eb('distribution', 'like', 'group:%'));
      return eb.or(ors);
    });
  if (query.addedAfter !== undefined) q = q.where('updated_at', '>', query.addedAfter);
  if (from) q = q.where((eb) => eb.or([eb('updated_at', '>', from.updatedAt), eb.and([eb('updated_at', '=', from.updatedAt), eb('id', '>=', from.id)])]));
  const rows = await q.orderBy('updated_at').orderBy('id').limit(query.limit).execute();
  return rows.map(toSignal);
}

/** The distinct (bank, distribution) pairs of confirmed signals that are not local. */
export async function sharedLevelsByBank(db: Kysely<Database>): Promise<{ bankId: number; distribution: string }[]> {
  const rows = await db.selectFrom('signals').select(['bank_id', 'distribution']).distinct().where('distribution', '!=', 'local').where('confirmed_at', 'is not', null).execute();
  return rows.map((r) => ({ bankId: Number(r.bank_id), distribution: r.distribution }));
}

/** Which of these (type, value) pairs a bank holds already, as `type\0value` keys. */
export async function existingSignalKeys(db: Kysely<Database>, bankId: number, pairs: readonly { type: string; value: string }[]): Promise<Set<string>> {
  const byType = new Map<string, string[]>();
  for (const p of pairs) byType.set(p.type, [...(byType.get(p.type) ?? []), p.value]);
  const found = new Set<string>();
  for (const [type, values] of byType) {
    for (let i = 0; i < values.length; i += 500) {
      const rows = await db.selectFrom('signals').select('value').where('bank_id', '=', bankId).where('type', '=', type).where('value', 'in', values.slice(i, i + 500)).execute();
      for (const r of rows) found.add(`${type}\u0000${r.value}`);
    }
  }
  return found;
}
