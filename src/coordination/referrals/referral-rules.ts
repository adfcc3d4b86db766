import { ConcordError } from '../../errors/concord-error.js';
import { ACTOR_OF, type ReferralAction } from './referral-actions.js';
import { dueAt, pausedUntil } from './referral-clock.js';
import type { ReferralRow } from './referral-tables.js';
import { COMPLAINT_DECISIONS, isOneOf, OBSTACLE_REASONS, OUTCOMES, SCRUTINY_DECISION_WINDOW_MS, SCRUTINY_FINDINGS, SCRUTINY_REQUEST_WINDOW_MS } from './referral-terms.js';

type Patch = Partial<ReferralRow>;

/**
 * The one rule book of a referral's life, used where an action is taken (an HTTP call at
 * this node) and where it arrives (a partner's feed): who may act, in which state, and
 * what changes. `by` is the party taking the action, `at` the time it was taken (its
 * writer's clock). Throws a coded error and changes nothing when the action is not allowed.
 *
 *   transition(row, { type: 'obstacle', reason: 'manifest_error', explanation: '…' }, 'receiver', at)
 *   // { status: 'obstructed', paused_since: at, due_at: null, … }
 */
export function transition(row: ReferralRow, action: ReferralAction, by: 'sender' | 'receiver' | 'scrutiny', at: string): Patch {
  const must = ACTOR_OF[action.type];
  if (by !== must) throw new ConcordError('REFERRAL_WRONG_SIDE', `only the ${must} of referral ${row.id} may record "${action.type}"; this is the ${by}`);
  const closed = row.status === 'decided' || row.status === 'voided';
  const conflict = (why: string) => new ConcordError('REFERRAL_STATE_CONFLICT', `referral ${row.id} is ${row.status}: ${why}`);
  const t = Date.parse(at);
  let patch: Patch;
  switch (action.type) {
    case 'acknowledged':
      if (row.status === 'sent') throw conflict('it has not been received yet');
      if (row.acked_at !== null) throw conflict(`it was acknowledged at ${row.acked_at}`);
      if (closed) throw conflict('a decided referral needs no acknowledgement');
      patch = { acked_at: at, status: row.status === 'received' ? 'acknowledged' : row.status };
      break;
    case 'obstacle':
      if (!isOneOf(Object.keys(OBSTACLE_REASONS), action.reason)) throw new ConcordError('REFERRAL_OBSTACLE_REASON_UNKNOWN', `unknown obstacle "${action.reason}"; Annex III reasons are: ${Object.keys(OBSTACLE_REASONS).join(', ')}`);
      if (closed) throw conflict('an obstacle can only be reported before the decision');
      if (row.status === 'obstructed') throw conflict('an obstacle is already open; the sender must clear it first');
      if (row.received_at === null) throw conflict('it has not been received yet');
      patch = { status: 'obstructed', paused_since: at, obstacle: JSON.stringify({ reason: action.reason, explanation: action.explanation, at }) };
      break;
    case 'cleared':
      if (row.status !== 'obstructed') throw conflict('there is no open obstacle to clear');
      patch = { status: row.acked_at !== null ? 'acknowledged' : 'received', paused_ms: pausedUntil(row, at), paused_since: null };
      break;
    case 'decided': {
      if (!isOneOf(OUTCOMES, action.outcome)) throw new ConcordError('REFERRAL_OUTCOME_UNKNOWN', `unknown outcome "${action.outcome}"; use one of ${OUTCOMES.join(', ')}`);
      if (closed) throw conflict(`it was decided at ${row.decided_at ?? row.scrutiny_decided_at}`);
      if (row.received_at === null) throw conflict('it has not been received yet');
      const acted = action.outcome !== 'not_removed';
      if (acted && action.actedAt === null) throw new ConcordError('REFERRAL_FIELDS_INVALID', 'give actedAt: when the content was removed or disabled (Annex II)');
      if (acted && (Date.parse(action.actedAt!) < Date.parse(row.received_at) || Date.parse(action.actedAt!) > t)) {
        throw new ConcordError('REFERRAL_FIELDS_INVALID', `actedAt ${action.actedAt} must lie between receipt (${row.received_at}) and now (${at})`);
      }
      if (!acted && action.reason.length < 3) throw new ConcordError('REFERRAL_FIELDS_INVALID', 'say why the content was not removed (reason)');
      patch = { status: 'decided', decided_at: at, outcome: action.outcome, acted_at: acted ? action.actedAt : null, decision_reason: action.reason, paused_ms: pausedUntil(row, at), paused_since: null };
      break;
    }
    case 'scrutiny_requested':
      if (row.kind !== 'removal_order') throw new ConcordError('REFERRAL_SCRUTINY_NOT_AVAILABLE', `scrutiny (Art. 4) applies to removal orders, not a ${row.kind}`);
      if (row.scrutiny === null) throw new ConcordError('REFERRAL_SCRUTINY_NOT_AVAILABLE', `no scrutiny authority was designated for referral ${row.id}`);
      if (row.scrutiny_status !== null) throw conflict(`scrutiny is already ${row.scrutiny_status}`);
      if (row.received_at === null) throw conflict('it has not been received yet');
      if (t > Date.parse(row.received_at) + SCRUTINY_REQUEST_WINDOW_MS) throw new ConcordError('REFERRAL_SCRUTINY_WINDOW_CLOSED', `a request for scrutiny is due within 48 hours of receipt (${row.received_at})`);
      patch = { scrutiny_status: 'requested', scrutiny_requested_at: at, scrutiny_due_at: new Date(t + SCRUTINY_DECISION_WINDOW_MS).toISOString(), scrutiny_reasons: action.reasons };
      break;
    case 'scrutiny_decided': {
      if (!isOneOf(SCRUTINY_FINDINGS, action.finding)) throw new ConcordError('REFERRAL_FINDING_UNKNOWN', `unknown finding "${action.finding}"; use one of ${SCRUTINY_FINDINGS.join(', ')}`);
      if (row.kind !== 'removal_order') throw new ConcordError('REFERRAL_SCRUTINY_NOT_AVAILABLE', `scrutiny (Art. 4) applies to removal orders, not a ${row.kind}`);
      if (row.scrutiny_status !== null && row.scrutiny_status !== 'requested') throw conflict(`scrutiny was decided already (${row.scrutiny_status})`);
      // Own initiative (Art. 4(3)): within 72 hours of the copy.
      const opened = row.scrutiny_opened_at ?? row.received_at;
      if (row.scrutiny_status === null && (opened === null || t > Date.parse(opened) + SCRUTINY_DECISION_WINDOW_MS)) {
        throw new ConcordError('REFERRAL_SCRUTINY_WINDOW_CLOSED', 'scrutiny on own initiative is due within 72 hours of the copy of the order');
      }
      const void_ = action.finding === 'infringement';
      const removed = row.outcome === 'removed' || row.outcome === 'disabled';
      patch = {
        scrutiny_status: action.finding,
        scrutiny_decided_at: at,
        scrutiny_due_at: null,
        scrutiny_reasons: action.reasons,
        ...(void_ ? { status: 'voided', reinstatement: removed ? 'pending' : row.reinstatement, paused_since: null } : {}),
      };
      break;
    }
    case 'complaint':
      if (!isOneOf(COMPLAINT_DECISIONS, action.decision)) throw new ConcordError('REFERRAL_FIELDS_INVALID', `unknown complaint decision "${action.decision}"; use one of ${COMPLAINT_DECISIONS.join(', ')}`);
      if (row.outcome !== 'removed' && row.outcome !== 'disabled') throw conflict('a complaint (Art. 10) is about content that was removed or disabled');
      patch = action.decision === 'upheld' && row.reinstatement !== 'done' ? { reinstatement: 'pending' } : {};
      break;
    case 'reinstated':
      if (row.reinstatement !== 'pending') throw conflict('no reinstatement is pending (it follows an infringement finding or an upheld complaint)');
      patch = { reinstatement: 'done', reinstated_at: at };
      break;
  }
  const next = { ...row, ...patch };
  return { ...patch, due_at: dueAt(next), updated_at: at };
}
