import type { Referral } from '../../api/types';

/**
 * An action route of POST /v1/referrals/:id/<action> offered in the actions form; complaints
 * and reinstatement have their own forms (ReferralComplaints.tsx).
 */
export type ReferralActionId = 'ack' | 'obstacle' | 'clear' | 'decision' | 'scrutiny' | 'scrutiny-decision';

/**
 * The actions this node's side may take on a referral in its current state, as the node's
 * rule book allows them (src/coordination/referrals/referral-rules.ts); the node checks
 * again and answers with a coded error if the state moved meanwhile.
 */
export function actionsFor(r: Referral): ReferralActionId[] {
  const closed = r.status === 'decided' || r.status === 'voided';
  const received = r.receipt !== null;
  const out: ReferralActionId[] = [];
  if (r.role === 'receiver') {
    if (received && !closed && r.acknowledgedAt === null) out.push('ack');
    if (received && !closed && r.status !== 'obstructed') out.push('obstacle');
    if (received && !closed) out.push('decision');
    if (r.kind === 'removal_order' && r.scrutinyAuthority && received && r.scrutiny.status === null) out.push('scrutiny');
  }
  if (r.role === 'sender' && r.status === 'obstructed') out.push('clear');
  if (r.role === 'scrutiny' && r.kind === 'removal_order' && (r.scrutiny.status === null || r.scrutiny.status === 'requested')) out.push('scrutiny-decision');
  return out;
}
