import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignalRecord } from '../../domain/signal-record.js';
import { decideRecount, statusFromOpinions } from './federation-status.js';

const signal = { id: 1, uid: 'u-1', origin: null, receivedFrom: null, contributor: 'p-self', distribution: 'partners', status: 'active', statusReason: null } as unknown as SignalRecord;

test('disputes from the threshold of distinct partners dispute a signal; the contributor re-confirming clears older ones', () => {
  const two = [
    { id: 1, partner: 'p-a', opinion: 'disputed' as const },
    { id: 2, partner: 'p-a', opinion: 'disputed' as const },
  ];
  assert.equal(statusFromOpinions(signal, two, 2).status, 'active');
  const three = [...two, { id: 3, partner: 'p-b', opinion: 'disputed' as const }];
  assert.equal(statusFromOpinions(signal, three, 2).status, 'disputed');
  assert.equal(statusFromOpinions(signal, [...three, { id: 4, partner: 'p-self', opinion: 'confirmed' as const }], 2).status, 'active');
  assert.equal(statusFromOpinions(signal, [{ id: 1, partner: 'p-self', opinion: 'disputed' }], 5).reason, 'overturned by its contributor');
  assert.equal(statusFromOpinions({ ...signal, status: 'retracted' }, three, 1).status, 'retracted');
});

test('a recount that changes the status says what to store, audit and publish', () => {
  assert.equal(decideRecount(signal, [], 1, 't').kind, 'unchanged');
  const r = decideRecount(signal, [{ id: 1, partner: 'p-a', opinion: 'disputed' }], 1, '2026-02-02T00:00:00.000Z');
  assert.equal(r.kind, 'changed');
  if (r.kind !== 'changed') return;
  assert.equal(r.signal.updatedAt, '2026-02-02T00:00:00.000Z');
  assert.deepEqual(r.audit.details, { from: 'active', to: 'disputed', reason: 'disputed by 1 partners (threshold 1)' });
  assert.deepEqual(r.feed, { body: { type: 'signal.status_changed', uid: 'u-1', status: 'disputed', reason: 'disputed by 1 partners (threshold 1)' }, audience: 'partners', audienceNode: null });
});
