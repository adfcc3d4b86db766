import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SignalRecord } from '../../domain/signal-record.js';
import type { SharedSignal } from '../feed/feed-body.js';
import { decideKeyRotation, decideReceivedChange, decideReceivedOpinion, receivedSignalEffects, receivedSignalTerms, screenReceivedSignals } from './federation-received.js';

const signal = (extra: Partial<SignalRecord> = {}): SignalRecord => ({
  id: 7,
  uid: 'u-7',
  origin: 'n-origin',
  receivedFrom: 'n-mid',
  bankId: 1,
  type: 'md5',
  value: 'a'.repeat(32),
  label: 'perpetrator_content',
  reason: 'r',
  contributor: 'n-origin',
  reviewedByKey: null,
  reviewedAt: null,
  distribution: 'partners',
  status: 'active',
  statusReason: null,
  matchCount: 0,
  lastMatchedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  addedByKey: null,
  confirmations: 0,
  confirmationsRequired: 1,
  confirmedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const base = { at: '2026-01-02T00:00:00.000Z', node: 'n-mid' };
const shared = (extra: Partial<SharedSignal> = {}): SharedSignal => ({
  uid: 'u-9', origin: 'n-origin', bank: 'b', type: 'md5', value: 'b'.repeat(32), label: 'perpetrator_content', reason: 'r', contributor: 'n-origin', distribution: 'network', status: 'active', createdAt: '2026-01-01T00:00:00.000Z', ...extra,
});

describe('federation rules for received events', () => {
  test('only the node a signal came from, or its origin, may retract it', () => {
    const retract = { ...base, type: 'signal.retracted' as const, uid: 'u-7', reason: 'mistake' };
    assert.equal(decideReceivedChange(signal(), retract, { id: 'n-stranger' }).kind, 'skip');
    for (const from of ['n-mid', 'n-origin']) {
      const d = decideReceivedChange(signal(), retract, { id: from });
      assert.equal(d.kind, 'apply');
      if (d.kind !== 'apply') return;
      assert.deepEqual(d.set, { status: 'retracted', statusReason: 'mistake' });
      assert.equal(d.audit.action, 'signal.retracted');
      // Relayed to whoever may see it here, and upstream; re-signed by this node, so at/node are dropped.
      assert.deepEqual(d.feed, [{ body: { type: 'signal.retracted', uid: 'u-7', reason: 'mistake' }, audience: 'partners', audienceNode: 'n-mid' }]);
    }
  });

  test('a retracted signal stays retracted, and unknown statuses and labels are skipped', () => {
    const reactivate = { ...base, type: 'signal.status_changed' as const, uid: 'u-7', status: 'active', reason: null };
    assert.equal(decideReceivedChange(signal({ status: 'retracted' }), reactivate, { id: 'n-mid' }).kind, 'skip');
    assert.equal(decideReceivedChange(signal(), { ...reactivate, status: 'expired' }, { id: 'n-mid' }).kind, 'skip');
    assert.equal(decideReceivedChange(signal(), { ...base, type: 'signal.label_changed', uid: 'u-7', label: 'not-a-label', reason: '' }, { id: 'n-mid' }).kind, 'skip');
    const relabel = decideReceivedChange(signal(), { ...base, type: 'signal.label_changed', uid: 'u-7', label: 'perpetrator_manifesto', reason: 'r' }, { id: 'n-mid' });
    assert.equal(relabel.kind === 'apply' && relabel.set.label, 'perpetrator_manifesto');
  });

  test('an opinion is recorded once; the origin recounts and tells everyone, others pass it upstream only', () => {
    const body = { ...base, type: 'opinion.added' as const, uid: 'u-7', opinionUid: 'o-1', partner: 'p-x', opinion: 'disputed' as const, reason: 'not TVEC' };
    assert.equal(decideReceivedOpinion(signal(), body, { id: 'n-down' }, true).kind, 'skip');
    const mid = decideReceivedOpinion(signal(), body, { id: 'n-down' }, false);
    assert.ok(mid.kind === 'apply' && !mid.recount);
    assert.deepEqual(mid.kind === 'apply' && mid.feed.map((e) => [e.audience, e.audienceNode]), [['local', 'n-mid']]);
    const fromUpstream = decideReceivedOpinion(signal(), body, { id: 'n-mid' }, false);
    assert.deepEqual(fromUpstream.kind === 'apply' && fromUpstream.feed, []);
    const atOrigin = decideReceivedOpinion(signal({ origin: null, receivedFrom: null }), body, { id: 'n-down' }, false);
    assert.ok(atOrigin.kind === 'apply' && atOrigin.recount);
    assert.deepEqual(atOrigin.kind === 'apply' && atOrigin.feed.map((e) => e.audience), ['partners']);
  });

  test('received signals: own ones, bad labels and repeats are screened out; one hop less far', () => {
    const { fresh, skipped } = screenReceivedSignals([{ shared: shared() }, { shared: shared() }, { shared: shared({ uid: 'u-mine', origin: 'n-self' }) }, { shared: shared({ uid: 'u-x', label: 'made-up' }) }], 'n-self');
    assert.deepEqual([...fresh.keys()], ['u-9']);
    assert.equal(skipped, 3);
    assert.deepEqual(receivedSignalTerms(shared()), { distribution: 'partners', status: 'active', statusReason: null });
    assert.deepEqual(receivedSignalTerms(shared({ distribution: 'partners', status: 'disputed' })), { distribution: 'local', status: 'disputed', statusReason: 'disputed at its origin' });
    assert.deepEqual(receivedSignalEffects(signal({ distribution: 'local' }), shared(), '{}', { id: 'n-mid' }).feed, []);
    const relayed = receivedSignalEffects(signal({ distribution: 'partners' }), shared(), '{"wire":1}', { id: 'n-mid' }).feed;
    assert.deepEqual(relayed.map((e) => [e.audience, (e.body as { original?: string }).original]), [['partners', '{"wire":1}']]);
  });

  test('a key rotation is taken only from the partner itself and only if signed by its current key', () => {
    const body = { at: base.at, node: 'n-mid', type: 'key.rotated' as const, previous: 'k1', publicKey: 'k2' };
    assert.equal(decideKeyRotation({ id: 'n-mid' }, 'k1', body).kind, 'apply');
    assert.equal(decideKeyRotation({ id: 'n-mid' }, 'k0', body).kind, 'skip');
    assert.equal(decideKeyRotation({ id: 'n-other' }, 'k1', body).kind, 'skip');
  });
});
