import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

let t: TestNode;
let bank: number;
before(async () => {
  t = await startTestNode();
  bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'provenance', description: '' })).json.id;
});
after(async () => t.node.close());

const match = async (value: string, include: string[] = []) => (await t.call('POST', '/v1/match', t.adminKey, { signals: [{ type: 'md5', value }], include })).json.results[0].matches;

test('matches answered from cached provenance follow every change made through the node at once', async () => {
  const value = 'a'.repeat(32);
  const [signal] = (await t.call('POST', `/v1/banks/${bank}/signals`, t.adminKey, { signals: [{ type: 'md5', value, label: 'perpetrator_content', reason: 'a copy of the attack video' }] })).json.signals;
  assert.equal((await match(value))[0].label, 'perpetrator_content');
  assert.equal((await match(value))[0].label, 'perpetrator_content', 'the second answer comes from the cache');

  assert.equal((await t.call('POST', `/v1/signals/${signal.id}/label`, t.adminKey, { label: 'glorification_of_attack', reason: 'praise of the attack, not the recording' })).status, 200);
  assert.equal((await match(value))[0].label, 'glorification_of_attack', 'a corrected label shows at once');

  assert.equal((await t.call('POST', `/v1/signals/${signal.id}/opinions`, t.adminKey, { opinion: 'disputed', reason: 'overturned on review' })).status, 201);
  assert.deepEqual(await match(value), [], 'a disputed signal stops matching at once');
  assert.equal((await match(value, ['disputed']))[0].status, 'disputed');

  assert.equal((await t.call('POST', `/v1/signals/${signal.id}/retract`, t.adminKey, { reason: 'withdrawn' })).status, 200);
  assert.equal((await match(value, ['disputed', 'retracted']))[0].status, 'retracted');
});

test('a change written by another process reaches the cache through the change log', async () => {
  const value = 'b'.repeat(32);
  const [signal] = (await t.call('POST', `/v1/banks/${bank}/signals`, t.adminKey, { signals: [{ type: 'md5', value, label: 'perpetrator_content', reason: 'a copy of the attack video' }] })).json.signals;
  assert.equal((await match(value))[0].label, 'perpetrator_content');
  // Straight to the store, as another process on the same database would write it.
  await t.node.store.relabelSignal(signal.id, 'instruction_for_violence', 'corrected elsewhere', { partner: t.node.selfPartner, keyId: null });
  await t.node.index.refresh(); // what the change-log poll does within 200 ms
  assert.equal((await match(value))[0].label, 'instruction_for_violence');
});
