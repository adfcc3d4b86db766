import type { ReferralRow } from '../coordination/referrals/referral-tables.js';

/**
 * Whether a referral's obligation was met by its deadline: `on_time`, `late`, or `open`
 * when it was not met yet. The obligation is the one its clock runs for
 * (referral-clock.ts): for a `threat_to_life` notice the acknowledgement; for a removal
 * order or a referral the decision, timed by when the content was removed or disabled
 * (Annex II) or, when it was not, by when that was decided. The deadline is receipt plus
 * the window plus the time obstacles paused the clock (Annex III).
 *
 * @example
 *   timeliness({ kind: 'removal_order', received_at: '…T10:00Z', window_ms: 3600000, paused_ms: 0, acted_at: '…T10:40Z', … }); // 'on_time'
 */
export function timeliness(r: Pick<ReferralRow, 'kind' | 'received_at' | 'window_ms' | 'paused_ms' | 'acked_at' | 'decided_at' | 'outcome' | 'acted_at'>): 'on_time' | 'late' | 'open' {
  if (r.received_at === null) return 'open';
  const met = r.kind === 'threat_to_life' ? r.acked_at : r.outcome === 'removed' || r.outcome === 'disabled' ? r.acted_at : r.decided_at;
  if (met === null) return 'open';
  return Date.parse(met) <= Date.parse(r.received_at) + Number(r.window_ms) + Number(r.paused_ms) ? 'on_time' : 'late';
}
