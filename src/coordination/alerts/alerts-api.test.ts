import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../util/clock.js';
import type { AlertInput } from '../alert-sink.js';
import { forEachDialect } from '../dialects.test-helper.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';

const alert = (over: Record<string, unknown> = {}): AlertInput => ({
  kind: 'surge',
  severity: 'warning',
  title: 'a surge of a known cluster',
  subject: { type: 'cluster', id: 'cluster:x' },
  dedupeKey: `k-${Math.random()}`,
  distribution: 'partners',
  ...over,
}) as AlertInput;

forEachDialect('alerts API', (dialect) => {
  const clock = fixedClock('2026-03-01T10:00:00.000Z');
  let t: ClockedNode;
  let euKey: string;
  let otherKey: string;
  before(async () => {
    t = await startClockedNode('Alerts node', clock, { ...dialect(), sync: false });
    for (const [id, groups] of [['p-eu', ['eu']], ['p-other', []]] as const) {
      const res = await t.call('POST', '/v1/partners', t.admin, { id, name: id, sharingGroups: groups });
      assert.equal(res.status, 201, JSON.stringify(res.json));
    }
    euKey = await t.key(['reviewer'], 'p-eu');
    otherKey = await t.key(['reviewer'], 'p-other');
  });
  after(async () => t.node.close());

  test('every read passes the viewer’s distribution rule', async () => {
    const sink = t.node.earlyWarning.alerts;
    await sink.raise(alert({ title: 'to partners', distribution: 'partners', incidentId: 'inc-1' }));
    await sink.raise(alert({ title: 'to the eu group', distribution: 'group:eu', kind: 'referral_overdue', subject: { type: 'referral', id: 'r1' } }));
    await sink.raise(alert({ title: 'kept here', distribution: 'local' }));
    await sink.raise(alert({ title: 'addressed to other', distribution: 'local', audienceNode: 'p-other' }));
    const titles = async (key: string, q = '') => ((await t.call('GET', `/v1/alerts${q}`, key)).json.alerts as { title: string }[]).map((a) => a.title).sort();
    assert.deepEqual(await titles(t.admin), ['addressed to other', 'kept here', 'to partners', 'to the eu group']);
    assert.deepEqual(await titles(euKey), ['to partners', 'to the eu group']);
    assert.deepEqual(await titles(otherKey), ['addressed to other', 'to partners']);
    assert.deepEqual(await titles(euKey, '?kind=referral_overdue'), ['to the eu group']);
    assert.deepEqual(await titles(t.admin, '?incident=inc-1'), ['to partners']);
    assert.deepEqual(await titles(otherKey, '?incident=inc-1'), ['to partners']);
    await sink.raise(alert({ title: 'critical, kept here', severity: 'critical', distribution: 'local' }));
    assert.deepEqual(await titles(t.admin, '?severity=critical'), ['critical, kept here']);
    assert.deepEqual(await titles(euKey, '?severity=critical'), []);
    assert.equal((await t.call('GET', '/v1/alerts?severity=panic', t.admin)).status, 400);
  });

  test('the same dedupe key is one alert with a repeat count; since filters by the last time', async () => {
    const sink = t.node.earlyWarning.alerts;
    clock.set('2026-03-01T11:00:00.000Z');
    await sink.raise(alert({ dedupeKey: 'surge:c9:1', title: 'once' }));
    clock.set('2026-03-01T11:05:00.000Z');
    await sink.raise(alert({ dedupeKey: 'surge:c9:1', title: 'once' }));
    const res = await t.call('GET', '/v1/alerts?since=2026-03-01T11:01:00Z', t.admin);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.alerts.map((a: { title: string; repeatCount: number; firstAt: string; lastAt: string }) => [a.title, a.repeatCount, a.firstAt, a.lastAt]), [['once', 2, '2026-03-01T11:00:00.000Z', '2026-03-01T11:05:00.000Z']]);
    const origin = res.json.alerts[0].origin;
    assert.equal(origin, t.node.selfPartner, 'an alert names the node that raised it');
    const audit = await t.call('GET', `/v1/audit?subjectType=alert&subjectId=${encodeURIComponent(res.json.alerts[0].uid)}`, t.admin);
    assert.deepEqual(audit.json.entries.map((e: { action: string }) => e.action), ['alert.raised']);
    const feed = await t.node.store.feedAfter(0, 1000);
    const events = feed.filter((e) => e.body && JSON.parse(e.body).type === 'alert.raised');
    assert.equal(events.filter((e) => JSON.parse(e.body).alert.dedupeKey === 'surge:c9:1').length, 1, 'a repeat is not published again');
    assert.ok(!events.some((e) => JSON.parse(e.body).alert.title === 'kept here'), 'a local alert is not put on the feed');
    assert.equal(events.find((e) => JSON.parse(e.body).alert.title === 'to the eu group')?.level, 'group:eu');
  });

  test('an analyst raises an alert over HTTP; bad input is ALERT_INVALID and nothing is stored', async () => {
    const ok = await t.call('POST', '/v1/alerts', t.admin, alert({ title: 'by hand', kind: 'manual' }));
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const before = (await t.call('GET', '/v1/alerts?limit=1000', t.admin)).json.alerts.length;
    for (const bad of [alert({ kind: 'Not A Kind' }), alert({ distribution: 'everyone' }), alert({ subject: { type: 'person', id: 'x' } }), alert({ severity: 'panic' }), { title: 'no kind' }]) {
      const res = await t.call('POST', '/v1/alerts', t.admin, bad);
      assert.equal(res.status, 422);
      assert.equal(res.json.error.code, 'ALERT_INVALID');
    }
    assert.equal((await t.call('GET', '/v1/alerts?limit=1000', t.admin)).json.alerts.length, before);
    const refused = await t.call('POST', '/v1/alerts', euKey, alert());
    assert.equal(refused.status, 403, 'a partner key may not raise alerts at this node');
  });
});
