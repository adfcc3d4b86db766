import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../util/clock.js';
import { startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';
import type { PartnerRecord } from '../../store/store.js';
import { alertReceivedHandler } from './alert-received.js';
import { sightingReceivedHandler } from '../early-warning/sighting-received.js';

let t: ClockedNode;
let partner: PartnerRecord;
before(async () => {
  t = await startClockedNode('Receiving node', fixedClock('2026-03-05T00:00:00.000Z'), { sync: false });
  await t.call('POST', '/v1/partners', t.admin, { id: 'p-send', name: 'sender' });
  partner = (await t.node.store.getPartner('p-send'))!;
});
after(async () => t.node.close());

const body = (over: Record<string, unknown> = {}, alert: Record<string, unknown> = {}) => ({
  type: 'alert.raised',
  at: '2026-03-05T00:00:00.000Z',
  node: 'p-send',
  alert: { uid: 'p-send:1', kind: 'surge', severity: 'warning', title: 't', subject: { type: 'cluster', id: 'c' }, dedupeKey: 'd', distribution: 'network', raisedAt: '2026-03-04T23:59:00.000Z', ...alert },
  ...over,
});

const apply = (handler: typeof alertReceivedHandler, b: Record<string, unknown> & { type: string }) =>
  t.node.store.context.tx((trx) => handler.apply({ trx, dialect: t.node.store.dialect, from: partner, wire: JSON.stringify(b), seq: 1, at: '2026-03-05T00:00:00.000Z', audit: [], feed: [], nearSignals: () => [] }, b));

test('a received alert is applied once by its uid; forged or malformed ones are skipped', async () => {
  assert.equal(await apply(alertReceivedHandler, body()), 'applied');
  assert.equal(await apply(alertReceivedHandler, body()), 'skipped', 'the same alert twice (directly and relayed) is applied once');
  assert.equal(await apply(alertReceivedHandler, body({ node: 'someone-else' }, { uid: 'someone-else:2' })), 'skipped', 'alerts are not relayed');
  assert.equal(await apply(alertReceivedHandler, body({}, { uid: 'other-node:3' })), 'skipped', 'a uid not the sender’s is forged');
  assert.equal(await apply(alertReceivedHandler, body({}, { uid: 'p-send:4', severity: 'panic' })), 'skipped');
  const alerts = (await t.call('GET', '/v1/alerts', t.admin)).json.alerts;
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].origin, 'p-send');
  assert.equal(alerts[0].distribution, 'partners', 'network arrives as partners: one hop less');
});

test('received sightings are stored once per node, signal and period, and only for signals held here', async () => {
  const s = { type: 'sighting.counts', at: '2026-03-05T00:00:00.000Z', node: 'p-send', periodStart: '2026-03-04T23:00:00.000Z', periodMs: 3_600_000, counts: [{ uid: 'not-held-here', count: 3 }] };
  assert.equal(await apply(sightingReceivedHandler, s), 'applied');
  assert.equal(await apply(sightingReceivedHandler, { ...s, counts: [] }), 'skipped');
  assert.equal(await apply(sightingReceivedHandler, { ...s, node: 'x' }), 'skipped');
  const rows = await t.node.store.db.selectFrom('signals').select('uid').execute();
  assert.equal(rows.length, 0);
});
