import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { fixedClock } from '../../util/clock.js';
import { addConfirmedSignal, startClockedNode, type ClockedNode } from '../../testing/clocked-node.js';

/** Polls a condition (the partners' sync runs on its own timers); fails after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function link(from: ClockedNode, to: ClockedNode): Promise<void> {
  const identity = (await to.call('GET', '/v1/identity', null)).json;
  const res = await from.call('POST', '/v1/partners', from.admin, { name: `partner ${identity.id.slice(0, 6)}`, url: to.url, publicKey: identity.publicKey });
  assert.equal(res.status, 201, JSON.stringify(res.json));
}

describe('alerts and sightings between real nodes on 127.0.0.1', () => {
  // One clock for both nodes: their signed requests must agree on the time as they move it.
  const clock = fixedClock(Date.now());
  let a: ClockedNode;
  let b: ClockedNode;
  before(async () => {
    a = await startClockedNode('Node A', clock, { earlyWarning: { shareSightings: true, sightingsPeriodMs: 60_000 } }, true);
    b = await startClockedNode('Node B', clock, { earlyWarning: { shareSightings: false, sightingsPeriodMs: 60_000 } }, true);
    await link(a, b);
    await link(b, a);
  });
  after(async () => {
    await a.node.close();
    await b.node.close();
  });

  test('an alert raised at A arrives at B, attributed to A; a local one does not', async () => {
    const local = await a.call('POST', '/v1/alerts', a.admin, { kind: 'manual', severity: 'info', title: 'kept at A', subject: { type: 'signal', id: 's1' }, dedupeKey: 'local-1', distribution: 'local' });
    assert.equal(local.status, 201);
    const raised = await a.call('POST', '/v1/alerts', a.admin, { kind: 'surge', severity: 'critical', title: 'wave of cluster x', subject: { type: 'cluster', id: 'cluster:x' }, dedupeKey: 'surge-x-1', distribution: 'partners', details: { rate: { perHour: 900 } } });
    assert.equal(raised.status, 201);
    let got: any[] = [];
    await until('the alert at B', async () => {
      got = (await b.call('GET', '/v1/alerts', b.admin)).json.alerts;
      return got.length > 0;
    });
    assert.equal(got.length, 1);
    assert.equal(got[0].uid, raised.json.uid);
    assert.equal(got[0].origin, a.node.selfPartner);
    assert.equal(got[0].receivedFrom, a.node.selfPartner);
    assert.equal(got[0].title, 'wave of cluster x');
    assert.equal(got[0].distribution, 'local', 'kept one hop less shareable, as received signals are');
    assert.deepEqual(got[0].details, { rate: { perHour: 900 } });
  });

  test('A shares hourly counts (opted in) and B receives them; B, not opted in, shares nothing', async () => {
    const s = await addConfirmedSignal(a, { type: 'pdq', value: '5a'.repeat(32) });
    await until('the signal at B', async () => (await b.node.store.getSignalByUid(s.uid)) !== undefined);
    await b.node.index.refresh();
    await a.node.earlyWarning.runEarlyWarning();
    await b.node.earlyWarning.runEarlyWarning();
    const matchA = await a.key(['matcher']);
    const matchB = await b.key(['matcher']);
    for (let i = 0; i < 40; i++) await a.call('POST', '/v1/match', matchA, { signals: [{ type: 'pdq', value: '5a'.repeat(32) }] });
    for (let i = 0; i < 5; i++) await b.call('POST', '/v1/match', matchB, { signals: [{ type: 'pdq', value: '5a'.repeat(32) }] });
    await until('counts stored at A and B', async () => ((await a.node.store.getSignalByUid(s.uid))?.matchCount ?? 0) >= 40 && ((await b.node.store.getSignalByUid(s.uid))?.matchCount ?? 0) >= 5);
    clock.advance(61_000);
    await a.node.earlyWarning.runEarlyWarning();
    await b.node.earlyWarning.runEarlyWarning();
    await until('A’s sightings at B', async () => {
      const rows = await sql<{ node: string; signal_uid: string; count: number }>`select node, signal_uid, count from sightings`.execute(b.node.store.db);
      return rows.rows.some((r) => r.node === a.node.selfPartner && r.signal_uid === s.uid && Number(r.count) === 40);
    });
    const bFeed = await b.node.store.feedAfter(0, 10_000);
    assert.ok(!bFeed.some((e) => e.body && JSON.parse(e.body).type === 'sighting.counts'), 'B did not opt in: no sightings on its feed');
    // A holds no partner's counts (B shares none), only its own, kept for the clusters API.
    const atA = await sql<{ node: string; count: number }>`select node, count from sightings`.execute(a.node.store.db);
    assert.deepEqual(atA.rows.map((r) => [r.node, Number(r.count)]), [[a.node.selfPartner, 40]]);
    const aFeed = await a.node.store.feedAfter(0, 10_000);
    const event = aFeed.map((e) => (e.body ? JSON.parse(e.body) : {})).find((body) => body.type === 'sighting.counts');
    assert.deepEqual(Object.keys(event).sort(), ['at', 'counts', 'node', 'periodMs', 'periodStart', 'type'], 'counts only: nothing about what was uploaded or by whom');
    assert.deepEqual(event.counts, [{ uid: s.uid, count: 40 }]);
    // At B, A's counts make the cluster surge: the alert names both nodes seeing it.
    clock.advance(60_000);
    // (The leader's own timer may run the tick first: the alert is what counts.)
    await b.node.earlyWarning.runEarlyWarning();
    const all = (await b.call('GET', '/v1/alerts?kind=surge', b.admin)).json.alerts;
    const surges = all.filter((x: { origin: string; subject: { type: string } }) => x.origin === b.node.selfPartner && x.subject.type === 'cluster');
    // A saw the wave first-hand and raised its own surge alert, shared with B.
    await until('A’s surge alert at B', async () => (await b.call('GET', '/v1/alerts?kind=surge', b.admin)).json.alerts.some((x: { origin: string; subject: { id: string } }) => x.origin === a.node.selfPartner && x.subject.id === `cluster:${s.uid}`));
    assert.equal(surges.length, 1, JSON.stringify(surges.map((x: any) => [x.subject.id, x.dedupeKey, x.details.rate, x.firstAt])));
    const surge = surges[0];
    assert.equal(surge.subject.id, `cluster:${s.uid}`);
    assert.deepEqual(surge.details.partnersSeeing, [a.node.selfPartner, b.node.selfPartner].sort());
    assert.equal(surge.details.exampleSignalUid, s.uid);
    assert.equal(surge.distribution, 'local', 'named after a signal B holds as local: the alert stays at B');
  });
});
