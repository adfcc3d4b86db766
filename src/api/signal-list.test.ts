import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { newApiKey } from '../auth/api-key.js';
import { signalPageQuery } from '../store/store-signal-list.js';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

/** GET /v1/me, GET /v1/signals (filters, keyset pages, review queue, viewer rule) and GET /v1/stats/signals. */
const md5 = () => randomBytes(16).toString('hex');

describe('signal listing', () => {
  let t: TestNode;
  let bank: number;
  let partnerKey: string;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await startTestNode();
    bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'listing' })).json.id;
    const add = async (name: string, label: string, distribution: string, type = 'md5') => {
      const res = await t.call('POST', `/v1/banks/${bank}/signals`, t.adminKey, { signals: [{ type, value: md5(), label, reason: `reason ${name}`, distribution }] });
      ids[name] = res.json.signals[0].id;
    };
    for (let i = 0; i < 7; i++) await add(`bulk${i}`, 'perpetrator_content', 'local');
    await add('shared', 'instruction_for_violence', 'partners');
    await add('unconfirmed', 'instruction_for_violence', 'partners');
    await t.confirm(ids.shared!);
    await t.call('POST', `/v1/signals/${ids.bulk0}/retract`, t.adminKey, { reason: 'wrong bank' });
    await t.call('POST', '/v1/partners', t.adminKey, { id: 'p-eu', name: 'EU partner' });
    const fresh = newApiKey();
    await t.node.store.createApiKey({ id: fresh.id, partnerId: 'p-eu', keyHash: fresh.hash, roles: ['reviewer'], purpose: 'partner test' }, { partner: t.node.selfPartner, keyId: null });
    partnerKey = fresh.key;
  });
  after(async () => t.node.close());

  test('GET /v1/me names the key, its organisation and roles', async () => {
    const me = await t.call('GET', '/v1/me', partnerKey);
    assert.equal(me.status, 200);
    assert.equal(me.json.partnerId, 'p-eu');
    assert.deepEqual(me.json.roles, ['reviewer']);
    assert.equal(me.json.node, t.node.selfPartner);
    assert.equal((await t.call('GET', '/v1/me', null)).json.error.code, 'AUTH_MISSING');
  });

  test('pages walk every signal newest first, without repeats, by keyset', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const res: { status: number; json: any } = await t.call('GET', `/v1/signals?bank=${bank}&limit=4${before ? `&before=${before}` : ''}`, t.adminKey);
      assert.equal(res.status, 200);
      seen.push(...res.json.signals.map((s: { id: number }) => s.id));
      before = res.json.next;
      pages++;
    } while (before !== null);
    assert.equal(seen.length, 9);
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));
    assert.equal(pages, 3);
  });

  test('filters by label, status and type; the review queue holds active unconfirmed signals of this node', async () => {
    const byLabel = await t.call('GET', `/v1/signals?label=instruction_for_violence`, t.adminKey);
    assert.deepEqual(byLabel.json.signals.map((s: { id: number }) => s.id), [ids.unconfirmed, ids.shared]);
    const retracted = await t.call('GET', `/v1/signals?status=retracted`, t.adminKey);
    assert.deepEqual(retracted.json.signals.map((s: { id: number }) => s.id), [ids.bulk0]);
    assert.equal((await t.call('GET', `/v1/signals?type=pdq`, t.adminKey)).json.signals.length, 0);
    const queue = (await t.call('GET', `/v1/signals?awaiting=confirmation`, t.adminKey)).json.signals.map((s: { id: number }) => s.id);
    assert.ok(queue.includes(ids.unconfirmed) && queue.includes(ids.bulk1));
    assert.ok(!queue.includes(ids.shared) && !queue.includes(ids.bulk0));
    assert.equal((await t.call('GET', `/v1/signals?label=nope`, t.adminKey)).status, 400);
  });

  test("a partner's key lists and counts only what it may see", async () => {
    const res = await t.call('GET', '/v1/signals', partnerKey);
    assert.deepEqual(res.json.signals.map((s: { id: number }) => s.id), [ids.shared]);
    assert.equal((await t.call('GET', '/v1/signals?awaiting=confirmation', partnerKey)).json.signals.length, 0);
    const stats = await t.call('GET', '/v1/stats/signals', partnerKey);
    assert.deepEqual(stats.json.byLabel, [{ key: 'instruction_for_violence', signals: 1, matches: 0 }]);
    const own = await t.call('GET', '/v1/stats/signals', t.adminKey);
    assert.deepEqual(own.json.byType, [{ key: 'md5', signals: 8, matches: 0 }]); // the retracted one left out
  });

  test('filters by the incident the signals were added under, and by network-wide id; an unknown incident lists nothing', async () => {
    const declared = await t.call('POST', '/v1/incidents', t.adminKey, {
      title: 'Livestreamed attack',
      tier: 'perpetrator_content',
      criteria: ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'established' })),
      eventAt: '2030-01-01T09:58:00Z',
      discoveredAt: '2030-01-01T10:02:00Z',
    });
    assert.equal(declared.status, 201, JSON.stringify(declared.json));
    const incident: string = declared.json.incident.id;
    const under = await t.call('POST', `/v1/banks/${bank}/signals`, t.adminKey, { signals: [{ type: 'md5', value: md5(), label: 'perpetrator_content', reason: 'copy of the stream', distribution: 'local', incidentId: incident }] });
    assert.equal(under.status, 201, JSON.stringify(under.json));
    const listed = await t.call('GET', `/v1/signals?incident=${encodeURIComponent(incident)}`, t.adminKey);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.json.signals.map((s: { id: number; incidentId: string }) => [s.id, s.incidentId]), [[under.json.signals[0].id, incident]]);
    assert.deepEqual((await t.call('GET', '/v1/signals?incident=incident%3Anone', t.adminKey)).json.signals, []);
    // By network-wide id, as alerts name signals.
    const byUid = await t.call('GET', `/v1/signals?uid=${encodeURIComponent(listed.json.signals[0].uid)}`, t.adminKey);
    assert.deepEqual(byUid.json.signals.map((s: { id: number }) => s.id), [under.json.signals[0].id]);
    // The viewer rule still applies: the signal is local, so a partner's key sees none of it.
    assert.deepEqual((await t.call('GET', `/v1/signals?incident=${encodeURIComponent(incident)}`, partnerKey)).json.signals, []);
  });

  test('a page of a bank, filtered, walks an index and never sorts the bank (SQLite plan of the query the store sends)', async () => {
    const compiled = signalPageQuery(t.node.store.db, { bankId: bank, label: 'perpetrator_content', type: 'md5', before: 100, limit: 25 }).compile();
    const plan = await t.node.store.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` } as never);
    const text = plan.rows.map((r) => r.detail).join(' | ');
    assert.match(text, /SEARCH signals USING INTEGER PRIMARY KEY|SCAN signals/, text);
    assert.doesNotMatch(text, /TEMP B-TREE/, text);
  });
});
