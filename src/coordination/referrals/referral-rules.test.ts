import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAction, type ActionType } from './referral-actions.js';
import { overdueClocks } from './referral-clock.js';
import { transition } from './referral-rules.js';
import { receivedPatch, rowOf } from './referral-store.js';
import type { ReferralRow } from './referral-tables.js';

const T0 = '2026-05-01T08:00:00.000Z';
const plus = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

function received(kind = 'removal_order', windowMs = 3_600_000, scrutiny: string | null = 'node-c'): ReferralRow {
  const row = rowOf(
    { id: 'r1', sender: 'node-a', receiver: 'node-b', scrutiny, kind, label: 'perpetrator_content', grounds: ['incites'], legalBasis: 'x', reasons: 'x', redress: 'x', noticeWithheld: false, noticeWithheldUntil: null, incidentId: null, order: null, urls: ['https://x.example/1'], signalUids: [], windowMs },
    'receiver',
    T0,
    T0,
  );
  return { ...row, ...receivedPatch(row, T0, 'h', T0) };
}

/** Applies actions in turn, as the rule book does on every node. */
function run(row: ReferralRow, steps: [ActionType, object, 'sender' | 'receiver' | 'scrutiny', number][]): ReferralRow {
  for (const [type, fields, by, min] of steps) {
    const parsed = parseAction(type, fields);
    if (!parsed.ok) throw new Error(parsed.message);
    row = { ...row, ...transition(row, parsed.action, by, plus(min)) };
  }
  return row;
}

test('the clock of a removal order: one hour from receipt, plus every pause', () => {
  let r = received();
  assert.equal(r.due_at, plus(60));
  r = run(r, [['obstacle', { reason: 'force_majeure', explanation: 'data centre flooded' }, 'receiver', 20]]);
  assert.equal(r.due_at, null, 'paused');
  assert.deepEqual(overdueClocks(r, Date.parse(plus(500))), [], 'never overdue while paused');
  r = run(r, [['cleared', { explanation: 'understood; act when back' }, 'sender', 200]]);
  assert.equal(r.due_at, plus(240));
  r = run(r, [['obstacle', { reason: 'manifest_error', explanation: 'wrong URL' }, 'receiver', 230], ['cleared', { explanation: 'corrected URL' }, 'sender', 235]]);
  assert.equal(r.due_at, plus(245), 'pauses add up');
  assert.deepEqual(overdueClocks(r, Date.parse(plus(246))), ['decision']);
  r = run(r, [['decided', { outcome: 'disabled', actedAt: plus(244) }, 'receiver', 250]]);
  assert.equal(r.due_at, null);
  assert.equal(r.status, 'decided');
});

test('a threat-to-life notice is due for acknowledgement, and its clock stops there', () => {
  let r = received('threat_to_life', 15 * 60_000, null);
  assert.equal(r.due_at, plus(15));
  r = run(r, [['acknowledged', {}, 'receiver', 5]]);
  assert.equal(r.due_at, null);
  assert.equal(r.status, 'acknowledged');
});

test('the rule book refuses what the regulation does not allow, with its code', () => {
  const r = received();
  const refuse = (row: ReferralRow, type: ActionType, fields: object, by: 'sender' | 'receiver' | 'scrutiny', min: number, code: string) =>
    assert.throws(() => run(row, [[type, fields, by, min]]), { code }, `${type} by ${by}`);
  refuse(r, 'decided', { outcome: 'removed', actedAt: plus(1) }, 'sender', 2, 'REFERRAL_WRONG_SIDE');
  refuse(r, 'cleared', { explanation: 'nothing open' }, 'sender', 2, 'REFERRAL_STATE_CONFLICT');
  refuse(r, 'obstacle', { reason: 'holiday', explanation: 'closed today' }, 'receiver', 2, 'REFERRAL_OBSTACLE_REASON_UNKNOWN');
  refuse(r, 'decided', { outcome: 'shadow_banned', actedAt: plus(1) }, 'receiver', 2, 'REFERRAL_OUTCOME_UNKNOWN');
  refuse(r, 'decided', { outcome: 'removed', actedAt: plus(-5) }, 'receiver', 2, 'REFERRAL_FIELDS_INVALID');
  refuse(r, 'decided', { outcome: 'removed', actedAt: null }, 'receiver', 2, 'REFERRAL_FIELDS_INVALID');
  refuse(r, 'decided', { outcome: 'not_removed' }, 'receiver', 2, 'REFERRAL_FIELDS_INVALID');
  refuse(r, 'reinstated', { contentRef: 'https://x.example/1' }, 'receiver', 2, 'REFERRAL_STATE_CONFLICT');
  refuse(r, 'complaint', { contentRef: 'https://x.example/1', decision: 'upheld' }, 'receiver', 2, 'REFERRAL_STATE_CONFLICT');
  refuse(r, 'scrutiny_decided', { finding: 'maybe', reasons: 'unsure' }, 'scrutiny', 2, 'REFERRAL_FINDING_UNKNOWN');
  refuse(received('referral', 86_400_000), 'scrutiny_requested', { reasons: 'a voluntary referral' }, 'receiver', 2, 'REFERRAL_SCRUTINY_NOT_AVAILABLE');
  refuse(received('removal_order', 3_600_000, null), 'scrutiny_requested', { reasons: 'no authority designated' }, 'receiver', 2, 'REFERRAL_SCRUTINY_NOT_AVAILABLE');
  const decided = run(r, [['decided', { outcome: 'removed', actedAt: plus(30) }, 'receiver', 31]]);
  refuse(decided, 'obstacle', { reason: 'force_majeure', explanation: 'after the decision' }, 'receiver', 32, 'REFERRAL_STATE_CONFLICT');
  refuse(decided, 'decided', { outcome: 'disabled', actedAt: plus(31) }, 'receiver', 32, 'REFERRAL_STATE_CONFLICT');
  refuse(decided, 'acknowledged', {}, 'receiver', 32, 'REFERRAL_STATE_CONFLICT');
});

test('an infringement voids the order and marks removed content for reinstatement; an upheld complaint does too', () => {
  const removed = run(received(), [['decided', { outcome: 'removed', actedAt: plus(30) }, 'receiver', 31], ['scrutiny_requested', { reasons: 'news reporting' }, 'receiver', 60]]);
  assert.equal(removed.scrutiny_due_at, plus(60 + 72 * 60));
  assert.deepEqual(overdueClocks(removed, Date.parse(plus(60 + 72 * 60 + 1))), ['scrutiny_decision']);
  const voided = run(removed, [['scrutiny_decided', { finding: 'infringement', reasons: 'journalism, Art. 1(3)' }, 'scrutiny', 600]]);
  assert.deepEqual([voided.status, voided.reinstatement, voided.scrutiny_due_at], ['voided', 'pending', null]);
  assert.equal(run(voided, [['reinstated', { contentRef: 'https://x.example/1' }, 'receiver', 700]]).reinstatement, 'done');
  const kept = run(removed, [['scrutiny_decided', { finding: 'no_infringement', reasons: 'the order stands' }, 'scrutiny', 600]]);
  assert.deepEqual([kept.status, kept.reinstatement], ['decided', null]);
  const upheld = run(kept, [['complaint', { contentRef: 'https://x.example/1', decision: 'upheld' }, 'receiver', 900]]);
  assert.equal(upheld.reinstatement, 'pending');
  const notRemoved = run(received(), [['decided', { outcome: 'not_removed', reason: 'not on our service' }, 'receiver', 10], ['scrutiny_requested', { reasons: 'check it anyway' }, 'receiver', 20], ['scrutiny_decided', { finding: 'infringement', reasons: 'void' }, 'scrutiny', 30]]);
  assert.deepEqual([notRemoved.status, notRemoved.reinstatement], ['voided', null], 'nothing to reinstate');
});
