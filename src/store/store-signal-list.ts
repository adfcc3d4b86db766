import { sql, type Kysely } from 'kysely';
import type { SignalRecord } from '../domain/signal-record.js';
import type { Database } from './database-schema.js';
import { allowedBy, type LevelFilter } from './store-exchange.js';
import { toSignal } from './store-rows.js';

/**
 * What a page of signals is filtered by. Every field narrows; `awaiting: 'confirmation'`
 * is the review queue: this node's own active signals nobody has confirmed enough yet.
 */
export interface SignalListQuery {
  readonly bankId?: number;
  readonly type?: string;
  readonly value?: string;
  readonly label?: string;
  readonly status?: string;
  readonly contributor?: string;
  /** The incident (network-wide id) the signals were added under. */
  readonly incidentId?: string;
  /** The signal's network-wide id (alerts and incidents name signals by it). */
  readonly uid?: string;
  readonly awaiting?: 'confirmation';
  /** Keyset pagination: only ids below this one (newest first). */
  readonly before?: number;
  readonly limit: number;
  /** The viewer's SQL prefilter (viewer.ts signalFilterFor); undefined: everything. */
  readonly filter?: LevelFilter;
}

/**
 * A page of signals, newest first, by keyset on the primary key: each page is a descent
 * of the id index from `before` that stops after `limit` rows, so page 1000 of a bank of
 * 1M signals costs what page 1 does (no OFFSET). Equality filters narrow that descent;
 * `type` with `value` seeks the (type, value) index.
 */
export async function listSignalPage(db: Kysely<Database>, q: SignalListQuery): Promise<SignalRecord[]> {
  return (await signalPageQuery(db, q).execute()).map(toSignal);
}

/** The SELECT behind listSignalPage, for its query-plan test. */
export function signalPageQuery(db: Kysely<Database>, q: SignalListQuery) {
  let query = db.selectFrom('signals').selectAll();
  // `bank_id + 0` keeps the planner off the (bank_id, …) indexes: through them a big bank's
  // page would sort every row of the bank. Walking the primary key backwards stops after
  // `limit` rows of the bank instead. An index on (bank_id, id) would serve small banks
  // in a big table better still; it needs a migration of its own. (Portable: SQLite and PostgreSQL.)
  if (q.bankId !== undefined) query = query.where(sql<number>`bank_id + 0`, '=', q.bankId);
  // Likewise `type || ''`, unless a value is given: then the (type, value) index finds the few rows at once.
  if (q.type !== undefined) query = q.value !== undefined ? query.where('type', '=', q.type) : query.where(sql<string>`type || ''`, '=', q.type);
  if (q.value !== undefined) query = query.where('value', '=', q.value);
  if (q.label !== undefined) query = query.where('label', '=', q.label);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  if (q.contributor !== undefined) query = query.where('contributor', '=', q.contributor);
  if (q.incidentId !== undefined) query = query.where('incident_uid', '=', q.incidentId);
  if (q.uid !== undefined) query = query.where('uid', '=', q.uid);
  if (q.awaiting === 'confirmation') query = query.where('confirmed_at', 'is', null).where('received_from', 'is', null).where('status', '=', 'active');
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.filter) query = query.where(allowedBy(q.filter));
  return query.orderBy('id', 'desc').limit(q.limit);
}

/** Signals and their match counts per label and per type, within the viewer's prefilter. */
export async function signalCounts(db: Kysely<Database>, filter: LevelFilter | undefined): Promise<{ byLabel: Tally[]; byType: Tally[] }> {
  const tally = async (column: 'label' | 'type') => {
    let query = db
      .selectFrom('signals')
      .select([column, sql<number>`count(*)`.as('signals'), sql<number>`coalesce(sum(match_count), 0)`.as('matches')])
      .where('status', '!=', 'retracted');
    if (filter) query = query.where(allowedBy(filter));
    const rows = await query.groupBy(column).orderBy(column).execute();
    return rows.map((r) => ({ key: String((r as Record<string, unknown>)[column]), signals: Number(r.signals), matches: Number(r.matches) }));
  };
  return { byLabel: await tally('label'), byType: await tally('type') };
}

export interface Tally {
  readonly key: string;
  readonly signals: number;
  readonly matches: number;
}
