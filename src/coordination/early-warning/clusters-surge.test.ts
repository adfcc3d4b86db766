import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultRegistry } from '../../signals/default-registry.js';
import { fixedClock } from '../../util/clock.js';
import { addConfirmedSignal, startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';
import { SignalClusters } from './signal-clusters.js';

const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

describe('clusters and surge detection on a node', () => {
  const clock = fixedClock('2026-03-04T00:00:00.000Z');
  let t: ClockedNode;
  let a: { id: number; uid: string };
  let a2: { id: number; uid: string };
  let b: { id: number; uid: string };
  let c: { id: number; uid: string };
  before(async () => {
    t = await startClockedNode('Cluster node', clock, { sync: false });
    const base = '3c'.repeat(32);
    a = await addConfirmedSignal(t, { type: 'pdq', value: base });
    a2 = await addConfirmedSignal(t, { type: 'pdq', value: flip(base, 24) }); // a near-match of a
    b = await addConfirmedSignal(t, { type: 'pdq', value: 'c3'.repeat(32) }); // far from a
    c = await addConfirmedSignal(t, { type: 'md5', value: 'ab'.repeat(16) });
  });
  after(async () => t.node.close());

  test('near-matches at the type’s threshold join signals; far ones and other types stay apart; a join key joins', async () => {
    const clusters = t.node.earlyWarning.clusters;
    await clusters.catchUp();
    assert.equal(clusters.rootOf(a.id), clusters.rootOf(a2.id));
    assert.notEqual(clusters.rootOf(a.id), clusters.rootOf(b.id));
    assert.equal(clusters.info(a2.id)!.id, `cluster:${a.uid}`, 'named after its oldest signal');
    assert.equal(clusters.info(a.id)!.size, 2);
    // The incident join (pluggable): signals sharing a key are one cluster.
    const byIncident = new SignalClusters(t.node.store.db, defaultRegistry(), t.node.index, {
      keysOf: async (ids) => new Map(ids.filter((id) => id === b.id || id === c.id).map((id) => [id, ['incident:inc-7']])),
    });
    await byIncident.catchUp();
    assert.equal(byIncident.rootOf(b.id), byIncident.rootOf(c.id));
    assert.equal(byIncident.rootOf(a.id), byIncident.rootOf(a2.id));
    assert.notEqual(byIncident.rootOf(a.id), byIncident.rootOf(b.id));
  });

  test('a quiet baseline raises nothing; a wave of matches in the cluster raises one surge alert naming cluster, partners, rate and an example', async () => {
    const ew = t.node.earlyWarning;
    await ew.runEarlyWarning(); // starts the monitor at this time
    // Two hours of baseline: one match a minute on a, written as the match counter writes them.
    for (let m = 0; m < 120; m++) {
      clock.advance(60_000);
      if (m % 2 === 0) await t.node.store.recordMatches(new Map([[a.id, 1]]), new Date(clock.now()).toISOString());
      assert.deepEqual(await ew.runEarlyWarning(), [], `no surge at minute ${m}`);
    }
    assert.equal((await t.call('GET', '/v1/alerts?kind=surge', t.admin)).json.alerts.length, 0);
    // The wave: 40 real match requests for variants of a, within one minute.
    const matcher = await t.key(['matcher']);
    for (let i = 0; i < 20; i++) {
      await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq', value: flip('3c'.repeat(32), 10 + i) }] });
    }
    // The match counter flushes on its own timer: wait until the counts are stored.
    for (let i = 0; i < 100; i++) {
      const row = await t.node.store.getSignal(a.id);
      if ((row?.matchCount ?? 0) >= 60 + 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    clock.advance(60_000);
    const started = await ew.runEarlyWarning();
    assert.equal(started.length, 1, JSON.stringify(started));
    assert.equal(started[0]!.cluster, `cluster:${a.uid}`);
    const alerts = (await t.call('GET', '/v1/alerts?kind=surge', t.admin)).json.alerts;
    assert.equal(alerts.length, 1);
    const d = alerts[0].details;
    assert.equal(alerts[0].subject.id, `cluster:${a.uid}`);
    assert.deepEqual(d.partnersSeeing, [t.node.selfPartner]);
    assert.ok(d.rate.matches >= 20 && d.rate.perHour >= 1200, JSON.stringify(d.rate));
    assert.ok([a.uid, a2.uid].includes(d.exampleSignalUid));
    assert.equal(d.proposedIncident.tier, 'content_incident');
    // Still surging next minute: the same episode, no second alert.
    for (let i = 0; i < 20; i++) await t.call('POST', '/v1/match', matcher, { signals: [{ type: 'pdq', value: '3c'.repeat(32) }] });
    for (let i = 0; i < 100; i++) {
      if (((await t.node.store.getSignal(a.id))?.matchCount ?? 0) >= 100) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    clock.advance(60_000);
    assert.deepEqual(await ew.runEarlyWarning(), []);
    assert.equal((await t.call('GET', '/v1/alerts?kind=surge', t.admin)).json.alerts.length, 1);
  });
});
