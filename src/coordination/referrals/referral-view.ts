import { overdueClocks } from './referral-clock.js';
import type { ReferralEventRow, ReferralRow } from './referral-tables.js';

/** A referral as the API shows it (both sides see the same fields). */
export function referralView(r: ReferralRow, now: number, history?: readonly ReferralEventRow[]): Record<string, unknown> {
  const content = JSON.parse(r.content) as { urls: string[]; signalUids: string[] };
  const late = overdueClocks(r, now);
  return {
    id: r.id,
    role: r.role,
    sender: r.sender,
    receiver: r.receiver,
    scrutinyAuthority: r.scrutiny,
    kind: r.kind,
    status: r.status,
    label: r.label,
    grounds: JSON.parse(r.grounds),
    legalBasis: r.legal_basis,
    statementOfReasons: r.reasons,
    redress: r.redress,
    noticeWithheld: { withheld: r.notice_withheld === 1 || Number(r.notice_withheld) === 1, until: r.notice_withheld_until },
    incidentId: r.incident_id,
    order: r.order_fields === null ? null : JSON.parse(r.order_fields),
    content,
    sentAt: r.sent_at,
    receipt: r.received_at === null ? null : { receivedAt: r.received_at, sentEventHash: r.receipt_hash },
    clock: {
      windowMs: Number(r.window_ms),
      stopsOn: r.kind === 'threat_to_life' ? 'acknowledgement' : 'decision',
      startedAt: r.received_at,
      pausedMs: Number(r.paused_ms),
      pausedSince: r.paused_since,
      dueAt: r.due_at,
    },
    overdue: late.length > 0,
    overdueClocks: late,
    acknowledgedAt: r.acked_at,
    obstacle: r.obstacle === null ? null : JSON.parse(r.obstacle),
    decision: r.decided_at === null ? null : { outcome: r.outcome, actedAt: r.acted_at, reason: r.decision_reason, decidedAt: r.decided_at },
    scrutiny: {
      status: r.scrutiny_status,
      requestedAt: r.scrutiny_requested_at,
      dueAt: r.scrutiny_due_at,
      decidedAt: r.scrutiny_decided_at,
      reasons: r.scrutiny_reasons,
    },
    reinstatement: r.reinstatement === null ? null : { status: r.reinstatement, at: r.reinstated_at },
    linked: JSON.parse(r.linked),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(history ? { history: history.map((e) => ({ eventId: e.event_id, type: e.type, at: e.at, node: e.node, details: JSON.parse(e.details), signed: e.wire !== null })) } : {}),
  };
}
