import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkPage, FEED_GENESIS, redact, type WireEvent } from '../exchange/feed/feed-event.js';
import { checkPageCut } from '../exchange/feed/feed-cut.js';
import { NodeKey, nodeIdFor } from '../exchange/node-key.js';
import { signRequest } from '../exchange/peer-auth.js';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

let t: TestNode;
const inGroup = NodeKey.generate();
const outside = NodeKey.generate();
const LEVELS = ['local', 'partners', 'network', 'group:eu', 'group:gifct'] as const;

before(async () => {
  t = await startTestNode();
  for (const [key, name, groups] of [[inGroup, 'In EU', ['eu']], [outside, 'Outside', []]] as const) {
    const res = await t.call('POST', '/v1/partners', t.adminKey, { name, url: 'http://127.0.0.1:9', publicKey: key.publicKey, sharingGroups: groups });
    assert.equal(res.status, 201);
    assert.equal(res.json.id, nodeIdFor(key.publicKey), 'the id is derived from the key, as the partner derives its own');
  }
  const bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'levels', description: '' })).json.id;
  const signals = LEVELS.map((distribution, i) => ({ type: 'md5', value: String(i).repeat(32), label: 'perpetrator_content', reason: `shared at ${distribution}`, distribution }));
  const added = await t.call('POST', `/v1/banks/${bank}/signals`, t.adminKey, { signals });
  assert.equal(added.status, 201);
  await t.confirm(...added.json.signals.map((s: { id: number }) => s.id));
});
after(async () => t.node.close());

async function feedAs(key: NodeKey, path = '/v1/feed?after=0&limit=100') {
  const res = await t.node.app.inject({ method: 'GET', url: path, headers: { authorization: signRequest(key, nodeIdFor(key.publicKey), t.node.selfPartner, 'GET', path) } });
  return { status: res.statusCode, json: res.json() };
}

const visibleLevels = (page: { events: { body?: string }[] }) =>
  page.events.filter((e) => e.body && JSON.parse(e.body).type === 'signal.added').map((e) => JSON.parse(e.body!).signal.distribution);

test('each partner gets the bodies of exactly the levels it may see, and a chain that verifies', async () => {
  const eu = await feedAs(inGroup);
  const out = await feedAs(outside);
  assert.equal(eu.status, 200);
  assert.deepEqual(visibleLevels(eu.json), ['partners', 'network', 'group:eu']);
  assert.deepEqual(visibleLevels(out.json), ['partners', 'network']);
  for (const page of [eu.json, out.json]) {
    assert.equal(page.node, t.node.selfPartner);
    // signal.added and the confirming opinion of each shared level; local signals publish nothing; group:gifct goes out as stubs.
    assert.equal(page.events.length, 8, 'local signals publish no event at all; group:gifct goes out as a stub');
    assert.equal(checkPage(page.events, 0, FEED_GENESIS, (await t.call('GET', '/v1/identity', null)).json.publicKey), undefined);
  }
  const stub = out.json.events.find((e: { body?: string }) => !e.body);
  assert.deepEqual(Object.keys(stub).sort(), ['audience', 'audienceTag', 'bodyHash', 'hash', 'prevHash', 'seq', 'sig', 'v'], 'a stub carries its signed audience and nothing of the content');
  assert.deepEqual(out.json.events.filter((e: WireEvent) => !e.body).map((e: WireEvent) => e.audience), ['group:eu', 'group:eu', 'group:gifct', 'group:gifct']);
});

test('the head is signed for the asking partner with its groups, and every stub checks out against them', async () => {
  const publicKey = (await t.call('GET', '/v1/identity', null)).json.publicKey;
  for (const [key, groups] of [[inGroup, ['eu']], [outside, []]] as const) {
    const page = (await feedAs(key)).json;
    const self = nodeIdFor(key.publicKey);
    assert.equal(page.headProof.partner, self);
    assert.deepEqual(page.headProof.groups, groups);
    assert.doesNotThrow(() => checkPageCut(page, { partner: t.node.selfPartner, selfId: self, after: 0, publicKey, now: Date.now() }));
    // The same page as the other partner would see it is not valid for this one.
    assert.throws(() => checkPageCut(page, { partner: t.node.selfPartner, selfId: nodeIdFor(NodeKey.generate().publicKey), after: 0, publicKey, now: Date.now() }), { code: 'FEED_HEAD_INVALID' });
  }
  const eu = (await feedAs(inGroup)).json;
  const euEvent = eu.events.findIndex((e: { body?: string }) => e.body?.includes('group:eu'));
  const stripped = { ...eu, events: eu.events.map((e: WireEvent, i: number) => (i === euEvent ? redact(e) : e)) };
  assert.equal(checkPage(stripped.events, 0, FEED_GENESIS, publicKey), undefined, 'the chain alone cannot tell');
  assert.throws(() => checkPageCut(stripped, { partner: t.node.selfPartner, selfId: nodeIdFor(inGroup.publicKey), after: 0, publicKey, now: Date.now() }), { code: 'FEED_BODY_WITHHELD' });
});

test('a long poll returns as soon as the feed grows', async () => {
  const head = (await feedAs(inGroup)).json.head;
  const waiting = feedAs(inGroup, `/v1/feed?after=${head}&limit=10&wait=10000`);
  const started = Date.now();
  const late = await t.call('POST', '/v1/banks/1/signals', t.adminKey, { signals: [{ type: 'md5', value: 'f'.repeat(32), label: 'perpetrator_content', reason: 'late arrival', distribution: 'partners' }] });
  setTimeout(() => void t.confirm(late.json.signals[0].id), 200);
  const page = (await waiting).json;
  assert.equal(page.events.length, 2, 'the confirmed signal and its confirming opinion');
  assert.ok(Date.now() - started < 5000, 'answered on the write, not at the timeout');
});

test('the identity route is public and names the key partners register', async () => {
  const id = await t.call('GET', '/v1/identity', null);
  assert.equal(id.status, 200);
  assert.equal(id.json.id, t.node.selfPartner);
  assert.equal(nodeIdFor(id.json.publicKey), t.node.selfPartner);
});

test('partner registration refuses a malformed key, and the list shows sync state', async () => {
  const bad = await t.call('POST', '/v1/partners', t.adminKey, { name: 'Bad key', url: 'http://127.0.0.1:9', publicKey: 'not-a-key' });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'PUBLIC_KEY_INVALID');
  const list = (await t.call('GET', '/v1/partners', t.adminKey)).json.partners;
  assert.ok(list.every((p: { sync: unknown }) => 'sync' in p));
  const patched = await t.call('PATCH', `/v1/partners/${nodeIdFor(outside.publicKey)}`, t.adminKey, { sharingGroups: ['gifct'] });
  assert.deepEqual(patched.json.sharingGroups, ['gifct']);
  assert.deepEqual(visibleLevels((await feedAs(outside)).json).slice(0, 3), ['partners', 'network', 'group:gifct'], 'a changed group applies at once');
});
