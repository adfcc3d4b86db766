import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../util/clock.js';
import { forEachDialect } from '../dialects.test-helper.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';

/** POST /v1/alerts/{uid}/ack and ?acknowledged=: each organisation's own bookkeeping, under the alert distribution rule. */
forEachDialect('alert acknowledgement', (dialect) => {
  const clock = fixedClock('2026-04-02T08:00:00.000Z');
  let t: ClockedNode;
  let curator: string;
  let auditor: string;
  let matcher: string;
  let euReviewer: string;
  let euAuditor: string;
  const keyIdOf = async (key: string) => (await t.call('GET', '/v1/me', key)).json.keyId as string;
  const raise = async (title: string, distribution: string) => {
    const res = await t.call('POST', '/v1/alerts', t.admin, { kind: 'manual', severity: 'warning', title, subject: { type: 'signal', id: 'sig-1' }, dedupeKey: `ack-${title}`, distribution });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json.uid as string;
  };
  const titles = async (key: string, q: string) => ((await t.call('GET', `/v1/alerts${q}`, key)).json.alerts as { title: string }[]).map((a) => a.title).sort();
  const ackRows = () => t.node.store.context.db.selectFrom('alert_acks' as never).selectAll().execute() as Promise<{ alert_uid: string; organisation: string }[]>;
  const auditOf = async (key: string, uid: string) => (await t.call('GET', `/v1/audit?subjectType=alert&subjectId=${encodeURIComponent(uid)}`, key)).json.entries as { action: string; actorPartner: string; actorKey: string; details: { note?: string } }[];

  before(async () => {
    t = await startClockedNode('Ack node', clock, { ...dialect(), sync: false });
    const partner = await t.call('POST', '/v1/partners', t.admin, { id: 'p-eu', name: 'EU platform', sharingGroups: ['eu'] });
    assert.equal(partner.status, 201, JSON.stringify(partner.json));
    curator = await t.key(['curator']);
    auditor = await t.key(['auditor']);
    matcher = await t.key(['matcher']);
    euReviewer = await t.key(['reviewer'], 'p-eu');
    euAuditor = await t.key(['auditor'], 'p-eu');
  });
  after(async () => t.node.close());

  test("a curator acknowledges: when, with which key and the note, audited, shown on the list and filtered on; nothing goes on the feed", async () => {
    const uid = await raise('surge on the bridge video', 'partners');
    const other = await raise('copies on a forum', 'partners');
    const feedBefore = (await t.node.store.feedAfter(0, 10_000)).length;
    clock.set('2026-04-02T08:05:00.000Z');
    const res = await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, curator, { note: 'taking it: hash list pushed' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const keyId = await keyIdOf(curator);
    assert.deepEqual(res.json.acknowledgement, { at: '2026-04-02T08:05:00.000Z', keyId, note: 'taking it: hash list pushed' });
    assert.equal(res.json.uid, uid);

    assert.deepEqual(await titles(curator, '?acknowledged=true'), ['surge on the bridge video']);
    assert.ok((await titles(curator, '?acknowledged=false')).includes('copies on a forum'));
    assert.ok(!(await titles(curator, '?acknowledged=false')).includes('surge on the bridge video'));
    const listed = (await t.call('GET', '/v1/alerts?limit=1000', auditor)).json.alerts as { uid: string; acknowledgement: unknown }[];
    assert.deepEqual(listed.find((a) => a.uid === uid)?.acknowledgement, res.json.acknowledgement, "the node's own keys share its acknowledgement");
    assert.equal(listed.find((a) => a.uid === other)?.acknowledgement, null);
    assert.deepEqual((await t.call('GET', `/v1/alerts/${encodeURIComponent(uid)}`, auditor)).json.acknowledgement, res.json.acknowledgement);
    assert.equal((await t.call('GET', '/v1/alerts?acknowledged=maybe', curator)).status, 400);

    const audit = await auditOf(t.admin, uid);
    assert.deepEqual(audit.map((e) => [e.action, e.actorPartner, e.actorKey, e.details.note ?? null]), [
      ['alert.raised', t.id, null, null],
      ['alert.acknowledged', t.id, keyId, 'taking it: hash list pushed'],
    ]);
    assert.equal((await t.node.store.feedAfter(0, 10_000)).length, feedBefore, 'an acknowledgement is this node’s bookkeeping, not a feed event');
  });

  test('a second acknowledgement is ALERT_ALREADY_ACKNOWLEDGED, names the first, and changes nothing', async () => {
    const uid = await raise('second ack', 'local');
    clock.set('2026-04-02T09:00:00.000Z');
    const first = await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, curator);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.equal(first.json.acknowledgement.note, '', 'the note is optional');
    clock.set('2026-04-02T09:10:00.000Z');
    const again = await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, t.admin, { note: 'me too' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'ALERT_ALREADY_ACKNOWLEDGED');
    assert.ok(again.json.error.message.includes('2026-04-02T09:00:00.000Z') && again.json.error.message.includes(await keyIdOf(curator)), again.json.error.message);
    assert.deepEqual((await t.call('GET', `/v1/alerts/${encodeURIComponent(uid)}`, t.admin)).json.acknowledgement, first.json.acknowledgement);
    assert.deepEqual((await auditOf(t.admin, uid)).map((e) => e.action), ['alert.raised', 'alert.acknowledged']);
  });

  test('roles decide who acknowledges; bad input and unknown alerts get coded errors and store nothing', async () => {
    const uid = await raise('roles', 'partners');
    const before = (await ackRows()).length;
    for (const key of [auditor, matcher]) {
      const res = await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, key, {});
      assert.equal(res.status, 403, JSON.stringify(res.json));
    }
    const long = await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, curator, { note: 'x'.repeat(1001) });
    assert.equal(long.status, 400, JSON.stringify(long.json));
    assert.equal(long.json.error.code, 'REQUEST_INVALID');
    const none = await t.call('POST', '/v1/alerts/no-such-alert/ack', curator, {});
    assert.equal(none.status, 404);
    assert.equal(none.json.error.code, 'ALERT_NOT_FOUND');
    assert.equal((await t.call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, null, {})).status, 401);
    assert.equal((await ackRows()).length, before);
    assert.equal((await t.call('GET', `/v1/alerts/${encodeURIComponent(uid)}`, curator)).json.acknowledgement, null);
  });

  test("a partner organisation acknowledges only alerts it may see, for itself: neither side sees the other's", async () => {
    const shared = await raise('shared with the eu group', 'group:eu');
    const hidden = await raise('kept at this node', 'local');
    const before = (await ackRows()).length;
    const refused = await t.call('POST', `/v1/alerts/${encodeURIComponent(hidden)}/ack`, euReviewer, { note: 'guessing uids' });
    assert.equal(refused.status, 404);
    assert.equal(refused.json.error.code, 'ALERT_NOT_FOUND');
    assert.ok(!JSON.stringify(refused.json).includes('kept at this node'));
    assert.equal((await ackRows()).length, before, 'nothing stored for an alert the partner may not see');

    clock.set('2026-04-02T10:00:00.000Z');
    const theirs = await t.call('POST', `/v1/alerts/${encodeURIComponent(shared)}/ack`, euReviewer, { note: 'removed on our side' });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.json));
    assert.equal(theirs.json.acknowledgement.keyId, await keyIdOf(euReviewer));
    // This node's desk still has it to do, and its own acknowledgement later stays its own.
    assert.equal((await t.call('GET', `/v1/alerts/${encodeURIComponent(shared)}`, curator)).json.acknowledgement, null);
    assert.ok((await titles(curator, '?acknowledged=false')).includes('shared with the eu group'));
    clock.set('2026-04-02T10:30:00.000Z');
    const ours = await t.call('POST', `/v1/alerts/${encodeURIComponent(shared)}/ack`, curator, { note: 'our note' });
    assert.equal(ours.status, 200, JSON.stringify(ours.json));
    const seenByPartner = (await t.call('GET', `/v1/alerts/${encodeURIComponent(shared)}`, euReviewer)).json;
    assert.deepEqual(seenByPartner.acknowledgement, theirs.json.acknowledgement);
    assert.ok(!JSON.stringify(seenByPartner).includes('our note'));
    assert.deepEqual(await titles(euReviewer, '?acknowledged=true'), ['shared with the eu group']);
    assert.ok(!(await titles(euReviewer, '?acknowledged=false')).includes('kept at this node'), 'the filter never widens the rule');
    // The partner reads its own acknowledgement in the audit log, not this node's.
    const partnerAudit = await auditOf(euAuditor, shared);
    assert.deepEqual(partnerAudit.map((e) => [e.action, e.actorPartner, e.details.note]), [['alert.acknowledged', 'p-eu', 'removed on our side']]);
  });
});
