import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addSignal, lookup, partnerSync, randomPdq, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { FeedProxy, stripBodiesOf } from '../testing/feed-proxy.js';

/**
 * Two real nodes with a hostile proxy on the link B uses to pull A's feed. Whatever the
 * proxy cuts must end in a rejected page, visible in B's sync status, never in a page
 * that verifies with a retraction gone.
 */
describe('a proxy on the partner link cannot cut a feed silently', () => {
  let A: FedNode, B: FedNode;
  let proxy: FeedProxy;
  const status = (value: string) => lookup(B, value).then((m) => m[0]?.status);

  before(async () => {
    [A, B] = await Promise.all([startFedNode('Node A'), startFedNode('Node B')]);
    proxy = new FeedProxy(A.proc.url);
    await proxy.start();
    await register(A, B);
    const res = await B.proc.call('POST', '/v1/partners', B.key, { name: A.name, url: proxy.url, publicKey: A.publicKey });
    assert.equal(res.status, 201, JSON.stringify(res.json));
  });
  after(async () => {
    await Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill()));
    await proxy?.stop();
  });

  test('a retraction whose body is stripped on the way is a rejected page, shown in sync status, and arrives once the link is clean', async () => {
    const value = randomPdq();
    const s = await addSignal(A, value, 'partners');
    await waitFor('B has the signal', async () => (await status(value)) === 'active');
    const before = (await partnerSync(B, A.id))!;
    proxy.tamper = stripBodiesOf('signal.retracted');
    assert.equal((await A.proc.call('POST', `/v1/signals/${s.id}/retract`, A.key, { reason: 'footage from a news report' })).status, 200);
    await waitFor('B reports the withheld body', async () => /^FEED_BODY_WITHHELD: .*event \d+ \(audience partners\)/.test((await partnerSync(B, A.id))?.lastError ?? ''));
    const cut = (await partnerSync(B, A.id))!;
    assert.equal(cut.lastSeq, before.lastSeq, 'the cursor did not move past the retraction');
    assert.equal(await status(value), 'active', 'nothing from the page was applied');
    proxy.tamper = undefined;
    await waitFor('B applies the retraction once pages arrive whole', async () => (await status(value)) === 'retracted');
    const healed = (await partnerSync(B, A.id))!;
    assert.equal(healed.lastError, null);
    assert.ok(healed.lastSeq > before.lastSeq);
  });

  test('a forged page head is rejected and the forged lag is never recorded', async () => {
    const value = randomPdq();
    await addSignal(A, value, 'partners');
    await waitFor('B has the signal', async () => (await status(value)) === 'active');
    const FORGED = 1_000_000;
    proxy.tamper = (page) => ({ ...page, head: FORGED });
    await waitFor('B reports the forged head', async () => /^FEED_HEAD_INVALID: /.test((await partnerSync(B, A.id))?.lastError ?? ''));
    const second = randomPdq();
    await addSignal(A, second, 'partners');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await status(second), undefined, 'a page under a forged head is not applied');
    assert.notEqual((await partnerSync(B, A.id))!.remoteHead, FORGED);
    proxy.tamper = undefined;
    await waitFor('B catches up once heads arrive signed', async () => (await status(second)) === 'active');
    assert.equal((await partnerSync(B, A.id))!.lastError, null);
  });
});
