import { sql } from 'kysely';
import type { ReportContext } from './report-section.js';
import type { ReportPeriod } from './report-period.js';
import { confirmedColumn, visibleTo, type VisibilityColumns } from './report-visibility.js';

/*
 * The queries the signal sections count from. Each groups by the signal's label, type
 * and contributor plus the columns the distribution rule reads, so the database counts
 * and the viewer's rule (report-visibility.ts) filters whole groups. All periods are
 * half-open: from ≤ t < to, so adjacent periods never count an event twice.
 */

/** A group of signals the viewer may see, with a count. */
export interface SignalGroupCount {
  readonly label: string;
  readonly type: string;
  readonly contributor: string;
  readonly n: number;
}

type GroupRow = VisibilityColumns & { label: string; type: string; n: number | string | bigint };

const visibleCounts = (ctx: ReportContext, rows: readonly GroupRow[]): SignalGroupCount[] =>
  rows.filter((r) => visibleTo(ctx.viewer, r)).map((r) => ({ label: r.label, type: r.type, contributor: r.contributor, n: Number(r.n) }));

const GROUP = ['s.label', 's.type', 's.contributor', 's.distribution', 's.received_from'] as const;

/** Signals taken into the store in the period: added here, or received from a partner. */
export async function signalsAdded(ctx: ReportContext, period: ReportPeriod): Promise<SignalGroupCount[]> {
  const rows = await ctx.db
    .selectFrom('signals as s')
    .select([...GROUP, confirmedColumn.as('confirmed'), (eb) => eb.fn.countAll().as('n')])
    .where('s.created_at', '>=', period.from)
    .where('s.created_at', '<', period.to)
    .groupBy([...GROUP, confirmedColumn])
    .execute();
  return visibleCounts(ctx, rows as GroupRow[]);
}

/** `disputed` opinions recorded in the period (one per partner and dispute; a partner may dispute again after a re-confirmation). */
export async function disputesRaised(ctx: ReportContext, period: ReportPeriod): Promise<SignalGroupCount[]> {
  const rows = await ctx.db
    .selectFrom('opinions as o')
    .innerJoin('signals as s', 's.id', 'o.signal_id')
    .select([...GROUP, confirmedColumn.as('confirmed'), (eb) => eb.fn.countAll().as('n')])
    .where('o.opinion', '=', 'disputed')
    .where('o.created_at', '>=', period.from)
    .where('o.created_at', '<', period.to)
    .groupBy([...GROUP, confirmedColumn])
    .execute();
  return visibleCounts(ctx, rows as GroupRow[]);
}

/** Matches at this node in the hours of the period, by the signal matched. */
export async function matchesIn(ctx: ReportContext, period: ReportPeriod): Promise<SignalGroupCount[]> {
  const rows = await ctx.db
    .selectFrom('match_hours as m')
    .innerJoin('signals as s', 's.id', 'm.signal_id')
    .select([...GROUP, confirmedColumn.as('confirmed'), (eb) => eb.fn.sum<number>('m.matches').as('n')])
    .where('m.hour', '>=', period.from)
    .where('m.hour', '<', period.to)
    .groupBy([...GROUP, confirmedColumn])
    .execute();
  return visibleCounts(ctx, rows as GroupRow[]);
}

/**
 * A change of a signal's status as the audit log recorded it, in the same transaction as
 * the change: a retraction (here or received from the signal's origin) or a recount of
 * its opinions (signal.status_changed).
 */
export interface StatusChange {
  readonly seq: number;
  readonly at: string;
  readonly signalId: number;
  readonly label: string;
  readonly type: string;
  readonly contributor: string;
  readonly from: string;
  readonly to: string;
}

/** Status changes the viewer may see: those at from ≤ at < to, or with `signalsAddedIn`, every change of the signals added in that period. */
export async function statusChanges(ctx: ReportContext, where: { period: ReportPeriod } | { signalsAddedIn: ReportPeriod }): Promise<StatusChange[]> {
  let q = ctx.db
    .selectFrom('audit_log as a')
    // subject_id is text for every subject type; signal ids are its decimal form. Cast on
    // the audit side, so the join probes the signals' primary key, and only for signal
    // subjects, so PostgreSQL never casts a partner's or a key's id.
    .innerJoin('signals as s', (j) => j.on(sql<boolean>`s.id = case when a.subject_type = 'signal' then cast(a.subject_id as integer) end`))
    .select(['a.seq', 'a.at', 'a.action', 'a.details', 's.id', ...GROUP, confirmedColumn.as('confirmed')])
    .where('a.subject_type', '=', 'signal')
    .where('a.action', 'in', ['signal.retracted', 'signal.status_changed']);
  if ('period' in where) q = q.where('a.at', '>=', where.period.from).where('a.at', '<', where.period.to);
  else q = q.where('s.created_at', '>=', where.signalsAddedIn.from).where('s.created_at', '<', where.signalsAddedIn.to);
  const rows = await q.orderBy('a.seq').execute();
  return rows
    .filter((r) => visibleTo(ctx.viewer, r as VisibilityColumns))
    .map((r) => {
      const details = JSON.parse(r.details) as { from?: string; to?: string; previousStatus?: string };
      const retracted = r.action === 'signal.retracted';
      // A retraction made here records `previousStatus`; one received records `from`/`to`.
      return { seq: Number(r.seq), at: r.at, signalId: Number(r.id), label: r.label, type: r.type, contributor: r.contributor, from: String(details.from ?? details.previousStatus ?? ''), to: retracted ? 'retracted' : String(details.to ?? '') };
    });
}

/** A signal added in a period, with its status now (its status at the period's end comes from its changes). */
export interface AddedSignal {
  readonly id: number;
  readonly label: string;
  readonly status: string;
}

/** Signals added in the period that the viewer may see, one by one (for the error rate's cohort). */
export async function signalsAddedList(ctx: ReportContext, period: ReportPeriod): Promise<AddedSignal[]> {
  const rows = await ctx.db
    .selectFrom('signals as s')
    .select(['s.id', 's.status', ...GROUP, confirmedColumn.as('confirmed')])
    .where('s.created_at', '>=', period.from)
    .where('s.created_at', '<', period.to)
    .execute();
  return rows.filter((r) => visibleTo(ctx.viewer, r as VisibilityColumns)).map((r) => ({ id: Number(r.id), label: r.label, status: r.status }));
}
