import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmationPolicy, decideConfirmation } from './four-eyes.js';

const own = { id: 3, origin: null, contributor: 'p-self', addedByKey: 'k-curator' };

test('the key that added a signal cannot confirm it, whatever its roles', () => {
  const d = decideConfirmation(own, { partner: 'p-self', keyId: 'k-curator', roles: ['curator', 'reviewer', 'admin'] });
  assert.deepEqual(d.kind === 'refuse' && d.code, 'SELF_CONFIRMATION');
});

test('only another key with the reviewer role counts; admin alone does not', () => {
  assert.equal(decideConfirmation(own, { partner: 'p-self', keyId: 'k-rev', roles: ['reviewer'] }).kind, 'count');
  const admin = decideConfirmation(own, { partner: 'p-self', keyId: 'k-admin', roles: ['admin'] });
  assert.equal(admin.kind === 'refuse' && admin.code, 'REVIEWER_REQUIRED');
  const noKey = decideConfirmation(own, { partner: 'p-self', keyId: null, roles: [] });
  assert.equal(noKey.kind === 'refuse' && noKey.code, 'REVIEWER_REQUIRED');
  // A signal the node loaded itself (no adding key) cannot be confirmed by the node itself either.
  const selfLoaded = decideConfirmation({ ...own, addedByKey: null }, { partner: 'p-self', keyId: null, roles: [] });
  assert.equal(selfLoaded.kind === 'refuse' && selfLoaded.code, 'SELF_CONFIRMATION');
});

test("a partner's confirmation, or one of a received signal, is an opinion and not a confirmation", () => {
  assert.equal(decideConfirmation(own, { partner: 'p-a', keyId: 'k-a', roles: ['reviewer'] }).kind, 'opinion');
  assert.equal(decideConfirmation({ ...own, origin: 'n-far' }, { partner: 'p-self', keyId: 'k-rev', roles: ['reviewer'] }).kind, 'opinion');
});

test('confirmations required by distribution level: network needs two by default', () => {
  const p = confirmationPolicy();
  assert.deepEqual(['local', 'group:eu', 'partners', 'network'].map((d) => p.required(d)), [1, 1, 1, 2]);
  assert.equal(confirmationPolicy({ local: 1, group: 3, partners: 1, network: 2 }).required('group:eu'), 3);
});
