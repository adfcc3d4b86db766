import type { Kysely } from 'kysely';
import type { Database } from '../../store/database-schema.js';
import type { ReferralRow } from './referral-tables.js';
import { REFERRAL_KINDS } from './referral-terms.js';

/** Median and 95th percentile (nearest rank) of durations in ms; null when there are none. */
export interface Spread {
  readonly count: number;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
}

export interface DirectionStats {
  /** Referrals in the period by kind. */
  readonly byKind: Record<string, number>;
  /** Outcomes by kind: removed, disabled, not_removed, voided (scrutiny found an infringement), open. */
  readonly outcomes: Record<string, Record<string, number>>;
  /** From receipt to decision, and from receipt to removal or disabling (the time the receiver gave). */
  readonly timeToDecision: Spread;
  readonly timeToRemoval: Spread;
  /** Removal orders not acted on: not removed (with the receiver's reason) or stopped by an open obstacle (Annex III reason). */
  readonly ordersNotActedOn: readonly { referral: string; why: 'not_removed' | 'obstacle'; reason: string }[];
  readonly obstaclesByReason: Record<string, number>;
  /** Requests for scrutiny (Art. 4) and their results. */
  readonly scrutiny: { readonly requested: number; readonly infringement: number; readonly noInfringement: number; readonly pending: number };
}

/** The figures of Art. 7, 8 and 21 TCO for a period, from the store. */
export interface ReferralStats {
  readonly from: string;
  readonly to: string;
  readonly sent: DirectionStats;
  readonly received: DirectionStats;
  /** Removal orders this node held as scrutiny authority, and its findings. */
  readonly scrutinised: { readonly copies: number; readonly requested: number; readonly infringement: number; readonly noInfringement: number };
  /** Complaints (Art. 10) recorded in the period on received referrals, by decision, and reinstatements. */
  readonly complaints: { readonly total: number; readonly upheld: number; readonly rejected: number };
  readonly reinstatements: number;
}

/**
 * Referral figures for the transparency report: every referral this node sent, received
 * or scrutinised whose send time lies in [from, to), and the complaints and reinstatements
 * recorded in [from, to). Counted from the rows, so totals reconcile with the lists.
 * `visible` keeps only the referrals a report's viewer may see (src/reports/ passes it).
 *
 *   const stats = await referralStats(store.db, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
 *   stats.received.byKind.removal_order; // 12
 */
export async function referralStats(db: Kysely<Database>, from: string, to: string, visible: (r: Pick<ReferralRow, 'sender' | 'receiver' | 'scrutiny'>) => boolean = () => true): Promise<ReferralStats> {
  const rows = (await db.selectFrom('referrals').selectAll().where('sent_at', '>=', from).where('sent_at', '<', to).orderBy('sent_at').execute()).filter(visible);
  const events = (await db.selectFrom('referral_events').innerJoin('referrals', 'referrals.id', 'referral_events.referral_id').select(['referral_events.type', 'referral_events.details', 'referrals.role', 'referrals.sender', 'referrals.receiver', 'referrals.scrutiny']).where('referral_events.type', 'in', ['complaint', 'reinstated']).where('referral_events.at', '>=', from).where('referral_events.at', '<', to).execute()).filter(visible);
  const complaints = events.filter((e) => e.type === 'complaint' && e.role === 'receiver').map((e) => (JSON.parse(e.details) as { decision: string }).decision);
  const copies = rows.filter((r) => r.role === 'scrutiny');
  return {
    from,
    to,
    sent: direction(rows.filter((r) => r.role === 'sender')),
    received: direction(rows.filter((r) => r.role === 'receiver')),
    scrutinised: {
      copies: copies.length,
      requested: copies.filter((r) => r.scrutiny_requested_at !== null).length,
      infringement: copies.filter((r) => r.scrutiny_status === 'infringement').length,
      noInfringement: copies.filter((r) => r.scrutiny_status === 'no_infringement').length,
    },
    complaints: { total: complaints.length, upheld: complaints.filter((d) => d === 'upheld').length, rejected: complaints.filter((d) => d === 'rejected').length },
    reinstatements: events.filter((e) => e.type === 'reinstated' && e.role === 'receiver').length,
  };
}

function direction(rows: readonly ReferralRow[]): DirectionStats {
  const byKind: Record<string, number> = Object.fromEntries(REFERRAL_KINDS.map((k) => [k, 0]));
  const outcomes: Record<string, Record<string, number>> = Object.fromEntries(REFERRAL_KINDS.map((k) => [k, { removed: 0, disabled: 0, not_removed: 0, voided: 0, open: 0 }]));
  const toDecision: number[] = [];
  const toRemoval: number[] = [];
  const notActed: { referral: string; why: 'not_removed' | 'obstacle'; reason: string }[] = [];
  const obstacles: Record<string, number> = {};
  const scrutiny = { requested: 0, infringement: 0, noInfringement: 0, pending: 0 };
  for (const r of rows) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    const o = (outcomes[r.kind] ??= { removed: 0, disabled: 0, not_removed: 0, voided: 0, open: 0 });
    const key = r.status === 'voided' ? 'voided' : (r.outcome ?? 'open');
    o[key] = (o[key] ?? 0) + 1;
    if (r.decided_at !== null && r.received_at !== null) toDecision.push(Date.parse(r.decided_at) - Date.parse(r.received_at));
    if (r.acted_at !== null && r.received_at !== null) toRemoval.push(Date.parse(r.acted_at) - Date.parse(r.received_at));
    const obstacle = r.obstacle === null ? null : (JSON.parse(r.obstacle) as { reason: string; explanation: string });
    if (obstacle) obstacles[obstacle.reason] = (obstacles[obstacle.reason] ?? 0) + 1;
    if (r.kind === 'removal_order') {
      if (r.outcome === 'not_removed') notActed.push({ referral: r.id, why: 'not_removed', reason: r.decision_reason ?? '' });
      else if (r.status === 'obstructed' && obstacle) notActed.push({ referral: r.id, why: 'obstacle', reason: `${obstacle.reason}: ${obstacle.explanation}` });
    }
    if (r.scrutiny_requested_at !== null) {
      scrutiny.requested += 1;
      if (r.scrutiny_status === 'infringement') scrutiny.infringement += 1;
      else if (r.scrutiny_status === 'no_infringement') scrutiny.noInfringement += 1;
      else scrutiny.pending += 1;
    }
  }
  return { byKind, outcomes, timeToDecision: spread(toDecision), timeToRemoval: spread(toRemoval), ordersNotActedOn: notActed, obstaclesByReason: obstacles, scrutiny };
}

/** Nearest-rank percentiles. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { count: 0, medianMs: null, p95Ms: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { count: sorted.length, medianMs: rank(0.5), p95Ms: rank(0.95) };
}
