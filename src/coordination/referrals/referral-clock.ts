import type { ReferralRow } from './referral-tables.js';

/**
 * The legal clocks of a referral. The obligation clock starts at receipt (TCO Art. 3(3):
 * "within one hour of receipt"), runs for `window_ms`, stops while an obstacle is open
 * (Annex III: the receiver cannot act until the sender clears it) and stops for good when
 * the receiver decides (or, for `threat_to_life`, acknowledges). Pauses add up in
 * `paused_ms`. Times are the writers' own: the receiver's for the receipt and the obstacle,
 * the sender's for the clearing; every node that holds the referral computes the same due
 * time from the same signed events.
 *
 *   dueAt({ received_at: '…T10:00Z', window_ms: 3600000, paused_ms: 600000, … }) // '…T11:10Z'
 */
export function dueAt(r: Pick<ReferralRow, 'received_at' | 'window_ms' | 'paused_ms' | 'paused_since' | 'status' | 'kind' | 'acked_at'>): string | null {
  if (r.received_at === null || r.paused_since !== null) return null;
  if (r.status === 'decided' || r.status === 'voided') return null;
  if (r.kind === 'threat_to_life' && r.acked_at !== null) return null;
  return new Date(Date.parse(r.received_at) + Number(r.window_ms) + Number(r.paused_ms)).toISOString();
}

/** The pause that ends at `at`, added to those before it. */
export function pausedUntil(r: Pick<ReferralRow, 'paused_ms' | 'paused_since'>, at: string): number {
  return Number(r.paused_ms) + (r.paused_since === null ? 0 : Math.max(0, Date.parse(at) - Date.parse(r.paused_since)));
}

/** Which clocks of a referral have run out at `now`: the obligation and the scrutiny decision. */
export function overdueClocks(r: Pick<ReferralRow, 'due_at' | 'scrutiny_due_at'>, now: number): ('decision' | 'scrutiny_decision')[] {
  const late: ('decision' | 'scrutiny_decision')[] = [];
  if (r.due_at !== null && Date.parse(r.due_at) < now) late.push('decision');
  if (r.scrutiny_due_at !== null && Date.parse(r.scrutiny_due_at) < now) late.push('scrutiny_decision');
  return late;
}
