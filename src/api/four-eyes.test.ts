import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { TAXII_MEDIA_TYPE } from '../exchange/taxii/taxii-media.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

const signal = (n: number, distribution: string) => ({ type: 'md5', value: n.toString(16).padStart(32, '0'), label: 'perpetrator_content', reason: `attack video copy ${n}`, distribution });

/** Four eyes through the API: a signal leaves the node only once reviewer keys other than its adder's confirm it. */
for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`four eyes: ${dialect}`, () => {
    let t: TestNode;
    let bank: number;
    let curatorReviewer: string;
    let curator: string;
    let reviewerA: string;
    let reviewerB: string;
    before(async () => {
      t = await startTestNode(dialect === 'postgres' ? { db: await server.createDatabase('foureyes') } : {});
      bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'four-eyes', description: '' })).json.id;
      curatorReviewer = await t.keyFor('curator', 'reviewer');
      curator = await t.keyFor('curator');
      reviewerA = await t.keyFor('reviewer');
      reviewerB = await t.keyFor('reviewer');
    });
    after(async () => t.node.close());

    const add = async (key: string, ...signals: object[]) => {
      const res = await t.call('POST', `/v1/banks/${bank}/signals`, key, { signals });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json.signals as { id: number; uid: string }[];
    };
    const opine = (id: number, key: string, opinion = 'confirmed') => t.call('POST', `/v1/signals/${id}/opinions`, key, { opinion, reason: 'reviewed' });
    /** What leaves the node: signal uids on the feed, md5 values in the list export and in TAXII. */
    const leaving = async () => {
      const feed = (await t.node.store.feedAfter(0, 10_000)).map((e) => JSON.parse(e.body)).filter((b) => b.type === 'signal.added').map((b) => b.signal.value as string);
      const exported = await t.node.app.inject({ method: 'GET', url: `/v1/banks/${bank}/export?format=te-csv`, headers: { authorization: `Bearer ${t.adminKey}` } });
      const csv = exported.body.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[1]!);
      const taxiiUrl = `/taxii2/api/collections/${collectionId(t.node.selfPartner, bank)}/objects/?match[type]=indicator`;
      const taxii = await t.node.app.inject({ method: 'GET', url: taxiiUrl, headers: { authorization: `Bearer ${t.adminKey}`, accept: TAXII_MEDIA_TYPE } });
      const objects = taxii.statusCode === 200 ? ((taxii.json().objects ?? []) as { x_concord_signal_value: string }[]).map((o) => o.x_concord_signal_value) : [];
      return { feed: feed.sort(), csv: csv.sort(), taxii: objects.sort() };
    };

    test('a key with curator and reviewer roles cannot confirm its own addition; nothing is stored and nothing leaves', async () => {
      const [s] = await add(curatorReviewer, signal(1, 'partners'));
      const record = (await t.call('GET', `/v1/signals/${s!.id}`, t.adminKey)).json.signal;
      assert.deepEqual([record.confirmations, record.confirmationsRequired, record.confirmedAt, record.reviewedByKey], [0, 1, null, null]);
      const auditBefore = (await t.node.store.listAudit({ limit: 100_000 })).length;
      const refused = await opine(s!.id, curatorReviewer);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'SELF_CONFIRMATION');
      assert.deepEqual(await t.node.store.listOpinions(s!.id), [], 'no opinion stored');
      assert.equal((await t.node.store.listAudit({ limit: 100_000 })).length, auditBefore, 'no audit entry');
      assert.equal((await t.node.store.getSignal(s!.id))!.confirmations, 0);
      assert.deepEqual(await leaving(), { feed: [], csv: [], taxii: [] });
    });

    test('a curator-only key cannot become the reviewer of its own signal', async () => {
      const [s] = await add(curator, signal(2, 'partners'));
      const refused = await opine(s!.id, curator);
      assert.equal(refused.status, 403, 'refused by role or by four eyes, never stored');
      assert.ok(['SELF_CONFIRMATION', 'FORBIDDEN'].includes(refused.json.error.code), refused.json.error.code);
      assert.equal((await t.node.store.getSignal(s!.id))!.confirmedAt, null);
      assert.deepEqual(await t.node.store.listOpinions(s!.id), []);
    });

    test('the admin key alone does not count as a confirmation', async () => {
      const [s] = await add(curator, signal(3, 'partners'));
      const refused = await opine(s!.id, t.adminKey);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'REVIEWER_REQUIRED');
      assert.deepEqual(await t.node.store.listOpinions(s!.id), []);
      assert.equal((await leaving()).feed.length, 0);
    });

    test('another reviewer key confirms; only then is the signal on the feed, in the export and in TAXII', async () => {
      const [s] = await add(curatorReviewer, signal(4, 'partners'));
      const ok = await opine(s!.id, reviewerA);
      assert.equal(ok.status, 201);
      assert.deepEqual([ok.json.signal.confirmations, ok.json.signal.confirmationsRequired], [1, 1]);
      assert.ok(ok.json.signal.confirmedAt);
      const value = signal(4, 'partners').value;
      assert.deepEqual(await leaving(), { feed: [value], csv: [value], taxii: [value] });
    });

    test('a network signal needs two distinct reviewer keys; the same key twice counts once', async () => {
      const [s] = await add(curator, signal(5, 'network'));
      assert.equal((await t.call('GET', `/v1/signals/${s!.id}`, t.adminKey)).json.signal.confirmationsRequired, 2);
      for (const key of [reviewerA, reviewerA]) {
        const r = await opine(s!.id, key);
        assert.equal(r.status, 201);
        assert.deepEqual([r.json.signal.confirmations, r.json.signal.confirmedAt], [1, null]);
      }
      assert.ok(!(await leaving()).feed.includes(signal(5, 'network').value), 'one confirmation of two: still on this node only');
      const second = await opine(s!.id, reviewerB);
      assert.deepEqual([second.json.signal.confirmations, second.json.signal.confirmationsRequired], [2, 2]);
      assert.ok((await leaving()).feed.includes(signal(5, 'network').value));
    });

    test('a batch confirmation is all or nothing: one self-added signal refuses the whole batch', async () => {
      const mine = await add(curatorReviewer, signal(7, 'partners'));
      const theirs = await add(curator, signal(8, 'partners'), signal(9, 'partners'));
      const ids = [...theirs, ...mine].map((s) => s.id);
      const auditBefore = (await t.node.store.listAudit({ limit: 100_000 })).length;
      const refused = await t.call('POST', '/v1/signals/confirm', curatorReviewer, { ids });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'SELF_CONFIRMATION');
      assert.equal((await t.node.store.listAudit({ limit: 100_000 })).length, auditBefore);
      for (const id of ids) assert.equal((await t.node.store.getSignal(id))!.confirmations, 0, 'nothing stored for any of the batch');
      const ok = await t.call('POST', '/v1/signals/confirm', reviewerB, { ids });
      assert.equal(ok.status, 200);
      assert.ok(ok.json.signals.every((s: { confirmedAt: string | null }) => s.confirmedAt !== null));
      const { feed } = await leaving();
      for (const n of [7, 8, 9]) assert.ok(feed.includes(signal(n, 'partners').value));
      assert.deepEqual(await t.node.store.listOpinions(ids[0]!), [], 'a batch confirmation records no opinion');
    });

    test('changes to an unconfirmed signal are not published either', async () => {
      const [s] = await add(curator, signal(6, 'partners'));
      const feedBefore = await t.node.store.latestFeedSeq();
      assert.equal((await t.call('POST', `/v1/signals/${s!.id}/retract`, curator, { reason: 'added by mistake' })).status, 200);
      assert.equal((await opine(s!.id, reviewerA, 'disputed')).status, 201);
      assert.equal(await t.node.store.latestFeedSeq(), feedBefore);
      // A retracted signal is not confirmed any more: refused, nothing stored, nothing announced.
      const opinions = (await t.node.store.listOpinions(s!.id)).length;
      const late = await opine(s!.id, reviewerB);
      assert.equal(late.status, 409);
      assert.equal(late.json.error.code, 'CONFLICT');
      assert.equal((await t.node.store.listOpinions(s!.id)).length, opinions);
      assert.equal((await t.node.store.getSignal(s!.id))!.confirmedAt, null);
      assert.equal(await t.node.store.latestFeedSeq(), feedBefore);
    });
  });
}
