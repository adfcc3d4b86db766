import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newApiKey } from '../../auth/api-key.js';
import { startTestNode, type TestNode } from '../api-test-node.test-helper.js';

let t: TestNode;
let auditor: string;
let partnerAuditor: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const period = `from=${day(0)}&to=${day(2)}`;

before(async () => {
  t = await startTestNode();
  auditor = await t.keyFor('auditor');
  const self = { partner: t.node.selfPartner, keyId: null };
  await t.node.store.createPartner({ id: 'p-x', name: 'Partner X', kind: 'partner' }, self);
  const fresh = newApiKey();
  await t.node.store.createApiKey({ id: fresh.id, partnerId: 'p-x', keyHash: fresh.hash, roles: ['auditor'], purpose: 'partner auditor' }, self);
  partnerAuditor = fresh.key;
  const bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'attack <b>videos</b>' })).json;
  const add = (n: number, distribution: string) => ({ type: 'md5', value: n.toString(16).padStart(32, '0'), label: 'perpetrator_content', reason: 'seen', distribution });
  const res = await t.call('POST', `/v1/banks/${bank.id}/signals`, t.adminKey, { signals: [add(1, 'partners'), add(2, 'local'), add(3, 'local')] });
  assert.equal(res.status, 201);
  const [shared, local] = res.json.signals as { id: number }[];
  await t.confirm(shared!.id);
  await t.node.store.recordMatches(new Map([[shared!.id, 2], [local!.id, 5]]), new Date().toISOString());
});
after(async () => t.node.close());

test("an auditor of this node gets every signal the node holds; a partner's auditor only what it may see", async () => {
  const own = await t.call('GET', `/v1/reports/transparency?${period}`, auditor);
  assert.equal(own.status, 200);
  assert.equal(own.json.countedFor, 'self');
  assert.deepEqual(own.json.sections.signals.tables[0].totals, { added: 3, retracted: 0, disputes: 0 });
  assert.deepEqual(own.json.sections.matches.tables[0].totals, { matches: 7 });
  assert.equal(own.json.sections.errorRate.tables[0].rows[0].interval95.rate, 0);
  const partner = await t.call('GET', `/v1/reports/transparency?${period}`, partnerAuditor);
  assert.equal(partner.status, 200);
  assert.equal(partner.json.countedFor, 'p-x');
  assert.deepEqual(partner.json.sections.signals.tables[0].totals, { added: 1, retracted: 0, disputes: 0 });
  assert.deepEqual(partner.json.sections.matches.tables[0].totals, { matches: 2 });
});

test('format=html is a self-contained page served with its own Content-Security-Policy', async () => {
  const res = await t.node.app.inject({ method: 'GET', url: `/v1/reports/transparency?${period}&format=html`, headers: { authorization: `Bearer ${auditor}` } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/html/);
  assert.match(String(res.headers['content-security-policy']), /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  assert.match(res.body, /^<!doctype html>/);
  assert.ok(!/<script/i.test(res.body));
  assert.match(res.body, /<svg class="chart"/);
});

test('bad periods and formats get their codes, and the node keeps serving', async () => {
  const cases: [string, string][] = [
    ['from=yesterday&to=2026-12-01', 'REPORT_DATE_INVALID'],
    ['from=2026-11-01T10:30:00Z&to=2026-12-01', 'REPORT_DATE_INVALID'],
    ['from=2026-12-01&to=2026-11-01', 'REPORT_PERIOD_INVERTED'],
    ['from=2024-01-01&to=2026-01-01', 'REPORT_PERIOD_TOO_LONG'],
    [`${period}&format=pdf`, 'REPORT_FORMAT_UNKNOWN'],
    ['from=2026-11-01', 'REQUEST_INVALID'],
  ];
  for (const [query, code] of cases) {
    const res = await t.call('GET', `/v1/reports/transparency?${query}`, auditor);
    assert.equal(res.json.error?.code, code, query);
    assert.equal(res.status, code === 'REQUEST_INVALID' ? 400 : 422, query);
  }
  assert.equal((await t.call('GET', `/v1/reports/transparency?${period}`, auditor)).status, 200);
});

test('matchers and curators may not read it', async () => {
  for (const role of ['matcher', 'curator'] as const) assert.equal((await t.call('GET', `/v1/reports/transparency?${period}`, await t.keyFor(role))).status, 403);
});
