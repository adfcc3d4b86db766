import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
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
  /** Also every signal this partner contributed or sent us, at any level (it knows them already). */
  readonly partner?: string;
}

/** The filter as a WHERE condition on `signals`; false when it allows nothing. */
export function allowedBy(filter: LevelFilter) {
  return (eb: ExpressionBuilder<Database, 'signals'>) => {
    // What leaves by level must be confirmed (four eyes); a partner's own signals it knows already.
    const confirmed = eb('confirmed_at', 'is not', null);
    const ors = [];
    if (filter.levels.length > 0) ors.push(eb.and([confirmed, eb('distribution', 'in', [...filter.levels])]));
    if (filter.anyGroup) ors.push(eb.and([confirmed, eb('distribution', 'like', 'group:%')]));
    if (filter.partner !== undefined) ors.push(eb('contributor', '=', filter.partner), eb('received_from', '=', filter.partner));
    return ors.length > 0 ? eb.or(ors) : sql<boolean>`1 = 0`;
  };
}

/** A position in a bank's change order: after (updatedAt, id), or at it when `inclusive`. */
export interface ChangePosition {
  readonly updatedAt: string;
  readonly id: number;
}

/**
 * A bank's signals in the order they last changed (updated_at, then id), from `from`
 * (inclusive) and strictly after `addedAfter`, at the levels `filter` allows. What a level
 * allows must be confirmed (four eyes): an unconfirmed signal never leaves the node.
 */
export async function signalsByChange(
  db: Kysely<Database>,
  query: { bankId: number; filter: LevelFilter; from?: ChangePosition; addedAfter?: string; limit: number },
): Promise<SignalRecord[]> {
  const { filter, from } = query;
  if (filter.levels.length === 0 && !filter.anyGroup && filter.partner === undefined) return [];
  let q = db.selectFrom('signals').selectAll().where('bank_id', '=', query.bankId).where(allowedBy(filter));
  if (query.addedAfter !== undefined) q = q.where('updated_at', '>', query.addedAfter);
  if (from) q = q.where((eb) => eb.or([eb('updated_at', '>', from.updatedAt), eb.and([eb('updated_at', '=', from.updatedAt), eb('id', '>=', from.id)])]));
  const rows = await q.orderBy('updated_at').orderBy('id').limit(query.limit).execute();
  return rows.map(toSignal);
}

/**
 * Per bank, whether it holds a signal `filter` allows: one EXISTS per part of the filter,
 * each an index seek on (bank_id, distribution | contributor | received_from), so the cost
 * grows with the number of banks, not of signals. `group:*` is the range ['group:', 'group;'),
 * which an index can seek where LIKE may not.
 */
function holdsAllowed(filter: LevelFilter) {
  return (eb: ExpressionBuilder<Database, 'banks'>) => {
    const inBank = () => eb.selectFrom('signals').select('signals.id').whereRef('signals.bank_id', '=', 'banks.id');
    // What the partner did not contribute or send must be confirmed (four eyes) to be seen.
    const confirmed = () => inBank().where('signals.confirmed_at', 'is not', null);
    const ors = [];
    if (filter.levels.length > 0) ors.push(eb.exists(confirmed().where('signals.distribution', 'in', [...filter.levels])));
    if (filter.anyGroup) ors.push(eb.exists(confirmed().where('signals.distribution', '>=', 'group:').where('signals.distribution', '<', 'group;')));
    if (filter.partner !== undefined) {
      ors.push(eb.exists(inBank().where('signals.contributor', '=', filter.partner)), eb.exists(inBank().where('signals.received_from', '=', filter.partner)));
    }
    return ors.length > 0 ? eb.or(ors) : sql<boolean>`1 = 0`;
  };
}

/** The banks holding at least one signal `filter` allows. */
export async function bankIdsHolding(db: Kysely<Database>, filter: LevelFilter): Promise<Set<number>> {
  const rows = await db.selectFrom('banks').select('id').where(holdsAllowed(filter)).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

/** Whether a bank holds at least one signal `filter` allows. */
export async function bankHolds(db: Kysely<Database>, bankId: number, filter: LevelFilter): Promise<boolean> {
  return (await db.selectFrom('banks').select('id').where('id', '=', bankId).where(holdsAllowed(filter)).executeTakeFirst()) !== undefined;
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
