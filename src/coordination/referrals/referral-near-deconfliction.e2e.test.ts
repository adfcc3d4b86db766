import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../../testing/federation-nodes.js';
import { pair, startClockedNode, type ClockedNode } from '../../testing/clocked-nodes.js';
import { fixedClock } from '../../util/clock.js';
import { removalOrder } from './referral-fixtures.test-helper.js';

const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

/** Shares one confirmed PDQ signal with partners and returns its uid. */
async function share(n: ClockedNode, value: string): Promise<string> {
  const bank = await n.call('POST', '/v1/banks', { name: `bank-${value.slice(0, 8)}`, description: 'test bank' });
  const added = await n.call('POST', `/v1/banks/${bank.json.id}/signals`, { signals: [{ type: 'pdq', value, label: 'perpetrator_content', reason: 'frame of the attack stream', distribution: 'partners' }] });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  const reviewer = await n.call('POST', '/v1/keys', { roles: ['reviewer'], purpose: 'test reviewer' });
  const res = await fetch(`${n.url}/v1/signals/confirm`, { method: 'POST', headers: { authorization: `Bearer ${reviewer.json.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ ids: [added.json.signals[0].id] }) });
  assert.equal(res.status, 200, await res.text());
  return added.json.signals[0].uid as string;
}

/**
 * Deconfliction by near-match: A and C refer the same attack frame to B, each under its
 * own PDQ hash of its own copy (24 bits apart, within PDQ's threshold of 31). B holds both
 * signals from the feeds and links the two referrals; a third referral of other content
 * stays apart.
 */
describe('referrals of near-matching signals are linked at the receiver', () => {
  const clock = fixedClock(Date.now());
  let A: ClockedNode, B: ClockedNode, C: ClockedNode;
  const confirmations = { confirmationsRequired: { local: 1, group: 1, partners: 1, network: 1 } };
  const at = (n: ClockedNode, id: string) => n.call('GET', `/v1/referrals/${id}`);

  before(async () => {
    [A, B, C] = await Promise.all(['Node A', 'Node B', 'Node C'].map((name) => startClockedNode(name, clock, confirmations)));
    await pair(A, B);
    await pair(C, B);
  });
  after(async () => {
    await Promise.all([A, B, C].filter(Boolean).map((n) => n.node.close()));
  });

  test('two senders, two hashes of one frame: linked and both told; unrelated content is not', async () => {
    const frame = '5ac3'.repeat(16);
    const x = await share(A, frame);
    const y = await share(C, flip(frame, 24));
    const z = await share(C, 'a53c'.repeat(16)); // far from both
    await waitFor('the three signals at B', async () => {
      const held = new Set(((await B.call('GET', '/v1/signals?limit=100')).json.signals ?? []).map((s: any) => s.uid));
      return [x, y, z].every((uid) => held.has(uid));
    });

    const refer = (from: ClockedNode, uid: string) => from.call('POST', '/v1/referrals', { ...removalOrder(B.id, 'https://unused.example/'), content: { signalUids: [uid] } });
    const fromA = await refer(A, x);
    assert.equal(fromA.status, 201, JSON.stringify(fromA.json));
    await waitFor('the receipt at A', async () => (await at(A, fromA.json.id)).json.receipt !== null);
    const fromC = await refer(C, y);
    assert.equal(fromC.status, 201, JSON.stringify(fromC.json));
    const other = await refer(C, z);
    assert.equal(other.status, 201, JSON.stringify(other.json));

    await waitFor('the deconfliction notice at A', async () => (await at(A, fromA.json.id)).json.linked?.some((l: any) => l.referral === fromC.json.id && l.sender === C.id));
    await waitFor('the deconfliction notice at C', async () => (await at(C, fromC.json.id)).json.linked?.some((l: any) => l.referral === fromA.json.id && l.sender === A.id));
    await waitFor('the unrelated referral at B', async () => (await at(B, other.json.id)).status === 200);
    assert.deepEqual((await at(B, other.json.id)).json.linked, []);
    assert.deepEqual((await at(B, fromA.json.id)).json.linked, [{ referral: fromC.json.id, sender: C.id }]);
  });
});
