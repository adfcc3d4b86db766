import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newApiKey } from '../auth/api-key.js';
import { startTestNode, type TestNode } from '../api/api-test-node.test-helper.js';

/** GET /v1/stats/matches: matches per hour (or day) by label and type, under the report's viewer rule. */
let t: TestNode;
let partnerKey: string;
const HOUR = 3_600_000;
// Whole hours well in the past, so the node's own matches (none here) cannot land in them.
const base = Date.parse('2026-03-10T00:00:00.000Z');
const at = (h: number, minutes = 0) => new Date(base + h * HOUR + minutes * 60_000).toISOString();

before(async () => {
  t = await startTestNode();
  const self = { partner: t.node.selfPartner, keyId: null };
  await t.node.store.createPartner({ id: 'p-x', name: 'Partner X', kind: 'partner' }, self);
  const fresh = newApiKey();
  await t.node.store.createApiKey({ id: fresh.id, partnerId: 'p-x', keyHash: fresh.hash, roles: ['reviewer'], purpose: 'partner reviewer' }, self);
  partnerKey = fresh.key;
  const bank = (await t.call('POST', '/v1/banks', t.adminKey, { name: 'series' })).json;
  const add = (n: number, type: string, label: string, distribution: string) => ({ type, value: type === 'md5' ? n.toString(16).padStart(32, '0') : `https://example.org/${n}`, label, reason: 'seen', distribution });
  const res = await t.call('POST', `/v1/banks/${bank.id}/signals`, t.adminKey, {
    signals: [add(1, 'md5', 'perpetrator_content', 'partners'), add(2, 'md5', 'instruction_for_violence', 'local'), add(3, 'url', 'perpetrator_content', 'local')],
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  const [shared, local, url] = (res.json.signals as { id: number }[]).map((s) => s.id) as [number, number, number];
  await t.confirm(shared);
  await t.node.store.recordMatches(new Map([[shared, 2], [local, 1]]), at(0, 10));
  await t.node.store.recordMatches(new Map([[shared, 3]]), at(0, 50)); // same hour: adds up
  await t.node.store.recordMatches(new Map([[url, 4]]), at(5, 1));
  await t.node.store.recordMatches(new Map([[local, 7]]), at(30)); // the next day
});
after(async () => t.node.close());

test('hour by hour, per label and per type, with totals; hours outside the period are left out', async () => {
  const res = await t.call('GET', `/v1/stats/matches?from=${at(0)}&to=${at(24)}`, t.adminKey);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.bucket, 'hour');
  assert.equal(res.json.buckets.length, 24);
  assert.equal(res.json.buckets[5], at(5));
  const line = (lines: { key: string; matches: number[]; total: number }[], key: string) => lines.find((l) => l.key === key)!;
  assert.deepEqual(res.json.byLabel.map((l: { key: string }) => l.key), ['instruction_for_violence', 'perpetrator_content']);
  assert.equal(line(res.json.byLabel, 'perpetrator_content').matches[0], 5);
  assert.equal(line(res.json.byLabel, 'perpetrator_content').matches[5], 4);
  assert.equal(line(res.json.byLabel, 'perpetrator_content').total, 9);
  assert.equal(line(res.json.byLabel, 'instruction_for_violence').total, 1); // the next day's 7 is outside
  assert.deepEqual(res.json.byType.map((l: { key: string; total: number }) => [l.key, l.total]), [['md5', 6], ['url', 4]]);
});

test('by day: buckets of 24 hours from `from`, adding up to the hours', async () => {
  const res = await t.call('GET', `/v1/stats/matches?from=${at(0)}&to=${at(48)}&bucket=day`, t.adminKey);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.buckets, [at(0), at(24)]);
  assert.deepEqual(res.json.byType.find((l: { key: string }) => l.key === 'md5').matches, [6, 7]);
});

test("a partner's key counts only the signals it may see", async () => {
  const res = await t.call('GET', `/v1/stats/matches?from=${at(0)}&to=${at(48)}&bucket=day`, partnerKey);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.byLabel, [{ key: 'perpetrator_content', matches: [5, 0], total: 5 }]);
  assert.deepEqual(res.json.byType, [{ key: 'md5', matches: [5, 0], total: 5 }]);
});

test('without a period: the last 7 days of hours, up to the end of the current hour', async () => {
  const res = await t.call('GET', '/v1/stats/matches', t.adminKey);
  assert.equal(res.status, 200);
  assert.equal(res.json.buckets.length, 168);
  const end = Date.parse(res.json.period.to);
  assert.equal(end % HOUR, 0);
  assert.ok(end > Date.now() && end - Date.now() <= HOUR);
});

test('too many buckets, bad bounds and a matcher key are refused with their codes; the node keeps serving', async () => {
  const long = await t.call('GET', `/v1/stats/matches?from=2026-01-01&to=2026-03-01`, t.adminKey);
  assert.equal(long.status, 422);
  assert.equal(long.json.error.code, 'STATS_TOO_MANY_BUCKETS');
  assert.equal((await t.call('GET', `/v1/stats/matches?from=2026-01-01&to=2026-03-01&bucket=day`, t.adminKey)).status, 200);
  assert.equal((await t.call('GET', '/v1/stats/matches?from=2026-01-01T10:30:00Z&to=2026-01-02', t.adminKey)).json.error.code, 'REPORT_DATE_INVALID');
  assert.equal((await t.call('GET', '/v1/stats/matches?from=2026-01-02&to=2026-01-01', t.adminKey)).json.error.code, 'REPORT_PERIOD_INVERTED');
  assert.equal((await t.call('GET', '/v1/stats/matches?bucket=week', t.adminKey)).status, 400);
  assert.equal((await t.call('GET', '/v1/stats/matches', await t.keyFor('matcher'))).status, 403);
  assert.equal((await t.call('GET', '/v1/stats/matches', t.adminKey)).status, 200);
});
