import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { multipart } from '../../api/api-test-node.test-helper.js';
import { waitFor } from '../../testing/federation-nodes.js';
import { pair, startClockedNode, type ClockedNode } from '../../testing/clocked-nodes.js';
import { fixedClock } from '../../util/clock.js';
import { imagePair } from './variant-images.test-helper.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: `${criterion} confirmed` }));

const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

async function as(t: ClockedNode, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: await res.json() };
}

async function upload(t: ClockedNode, path: string, file: Buffer): Promise<{ status: number; json: any }> {
  const m = multipart(file, 'file.bin');
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { ...m.headers, authorization: `Bearer ${t.key}` }, body: m.payload });
  return { status: res.status, json: await res.json() };
}

/**
 * Early-warning clusters and incident timelines on two real nodes on 127.0.0.1 sharing one
 * hand-moved clock: A declares an incident with a signal, then adds a near copy outside it
 * and a local one, matches them, uploads a variant image; B (its partner) holds the incident.
 */
describe('clusters, sightings and early-warning timeline entries', () => {
  const clock = fixedClock(Date.parse('2026-06-01T10:00:30.000Z'));
  let A: ClockedNode, B: ClockedNode;
  let incidentId: string;
  let bankId: number;
  let reviewer: string;
  let partnerKey: string;
  const base = 'c3'.repeat(32);
  const signals: Record<string, { id: number; uid: string }> = {};

  const addSignal = async (name: string, value: string, extra: Record<string, unknown> = {}, confirm = true) => {
    const res = await A.call('POST', `/v1/banks/${bankId}/signals`, { signals: [{ type: 'pdq', value, label: 'perpetrator_content', reason: 'the attacker’s stream', distribution: 'partners', ...extra }] });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const s = res.json.signals[0];
    if (confirm) assert.equal((await as(A, reviewer, 'POST', '/v1/signals/confirm', { ids: [s.id] })).status, 200);
    await A.node.index.refresh();
    signals[name] = { id: s.id, uid: s.uid };
  };
  const timeline = async (n: ClockedNode) => (await n.call('GET', `/v1/incidents/${incidentId}`)).json.timeline as { kind: string; byNode: string; data: any; receivedFrom: string | null }[];

  before(async () => {
    [A, B] = await Promise.all([startClockedNode('Node A', clock), startClockedNode('Node B', clock)]);
    await pair(A, B);
    reviewer = (await A.call('POST', '/v1/keys', { roles: ['reviewer'], purpose: 'review desk' })).json.key;
    partnerKey = (await A.call('POST', '/v1/keys', { roles: ['auditor'], purpose: 'partner analysts', partnerId: B.id })).json.key;
    bankId = (await A.call('POST', '/v1/banks', { name: 'attack', description: 'attack content' })).json.id;
    const declared = await A.call('POST', '/v1/incidents', { title: 'Livestreamed attack', tier: 'perpetrator_content', criteria: CRITERIA, eventAt: new Date(clock.now() - 10 * MIN).toISOString(), discoveredAt: new Date(clock.now() - 5 * MIN).toISOString(), distribution: 'partners' });
    assert.equal(declared.status, 201, JSON.stringify(declared.json));
    incidentId = declared.json.incident.id;
    await addSignal('stream', base, { incidentId });
    // The leader's first early-warning tick takes in what is stored: nothing before it is news.
    await A.node.earlyWarning.runEarlyWarning();
    await waitFor('B holds the incident', async () => (await B.call('GET', `/v1/incidents/${incidentId}`)).status === 200);
  });
  after(async () => {
    await Promise.all([A, B].filter(Boolean).map((n) => n.node.close()));
  });

  test('a near copy added outside the incident joins its cluster and writes a signed variant entry that B receives', async () => {
    await addSignal('copy', flip(base, 12));
    await addSignal('hidden', flip(base, 20), { distribution: 'local' }, false);
    await addSignal('elsewhere', 'f0'.repeat(32));
    clock.advance(MIN);
    await A.node.earlyWarning.runEarlyWarning();
    const variants = (await timeline(A)).filter((e) => e.kind === 'variant');
    assert.deepEqual(variants.map((e) => [e.byNode, e.data.signalUid]).sort(), [[A.id, signals.copy!.uid], [A.id, signals.hidden!.uid]].sort());
    assert.ok(!variants.some((e) => e.data.signalUid === signals.stream!.uid), 'a signal added under the incident is not a new variant of it');
    assert.ok(!variants.some((e) => e.data.signalUid === signals.elsewhere!.uid), 'an unrelated signal writes nothing');
    // Entries travel on A's signed feed: B stores them as A's, received from A.
    await waitFor('the variant entries at B', async () => (await timeline(B)).filter((e) => e.kind === 'variant').length === 2);
    assert.ok((await timeline(B)).filter((e) => e.kind === 'variant').every((e) => e.byNode === A.id && e.receivedFrom === A.id));
    // Another tick writes nothing more.
    clock.advance(MIN);
    await A.node.earlyWarning.runEarlyWarning();
    assert.equal((await timeline(A)).filter((e) => e.kind === 'variant').length, 2);
  });

  test('an alert raised about the incident’s signals writes an alert entry, in the alert’s transaction', async () => {
    const raised = await A.call('POST', '/v1/alerts', { kind: 'surge', severity: 'warning', title: 'Surge of the stream', subject: { type: 'cluster', id: `cluster:${signals.stream!.uid}` }, dedupeKey: 'surge:stream:1', distribution: 'partners', signalUids: [signals.copy!.uid] });
    assert.equal(raised.status, 201, JSON.stringify(raised.json));
    const unrelated = await A.call('POST', '/v1/alerts', { kind: 'surge', severity: 'warning', title: 'Surge elsewhere', subject: { type: 'cluster', id: `cluster:${signals.elsewhere!.uid}` }, dedupeKey: 'surge:elsewhere:1', distribution: 'partners', signalUids: [signals.elsewhere!.uid] });
    assert.equal(unrelated.status, 201);
    const alerts = (await timeline(A)).filter((e) => e.kind === 'alert');
    assert.deepEqual(alerts.map((e) => [e.byNode, e.data.alertUid, e.data.kind]), [[A.id, raised.json.uid, 'surge']]);
    await waitFor('the alert entry at B', async () => (await timeline(B)).some((e) => e.kind === 'alert' && e.data.alertUid === raised.json.uid));
    // The same alert raised again is a repeat, not a new entry.
    await A.call('POST', '/v1/alerts', { kind: 'surge', severity: 'warning', title: 'Surge of the stream', subject: { type: 'cluster', id: `cluster:${signals.stream!.uid}` }, dedupeKey: 'surge:stream:1', distribution: 'partners', signalUids: [signals.copy!.uid] });
    assert.equal((await timeline(A)).filter((e) => e.kind === 'alert').length, 1);
  });

  test('GET /v1/clusters and /v1/clusters/{id}: members, incident, matches, surge state and hourly sightings, under the viewer’s rule', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await A.call('POST', '/v1/match', { signals: [{ type: 'pdq', value: base }] })).status, 200);
    assert.equal((await A.call('POST', '/v1/match', { signals: [{ type: 'pdq', value: flip(base, 12) }] })).status, 200);
    // Match counts reach the signals rows at the counter's next flush (every second).
    const count = async (s: { id: number }) => (await A.call('GET', `/v1/signals/${s.id}`)).json.signal.matchCount;
    // Every query is within the PDQ threshold of each near copy: each of the four counts for every member.
    await waitFor('the match counts are flushed', async () => (await count(signals.stream!)) === 4 && (await count(signals.copy!)) === 4);
    // The period ends: A's own hourly counts are kept beside partners' sightings.
    await A.node.earlyWarning.runEarlyWarning();
    clock.advance(HOUR);
    await A.node.earlyWarning.runEarlyWarning();

    const list = await A.call('GET', '/v1/clusters');
    assert.equal(list.status, 200, JSON.stringify(list.json));
    const c = list.json.clusters.find((x: any) => x.incidents.includes(incidentId));
    assert.ok(c, JSON.stringify(list.json));
    assert.equal(c.id, `cluster:${signals.stream!.uid}`);
    assert.equal(c.size, 3);
    assert.ok(c.matches.here >= 8, JSON.stringify(c.matches));
    assert.equal(c.matches.sightings[A.id], c.matches.here, 'this hour’s counts are all of them');
    assert.ok(['quiet', 'surging'].includes(c.surge.state), JSON.stringify(c.surge));
    assert.ok(!list.json.clusters.some((x: any) => x.id === `cluster:${signals.elsewhere!.uid}`), 'a single signal is not listed by default');
    assert.equal((await A.call('GET', `/v1/clusters?signal=${signals.elsewhere!.uid}`)).json.clusters[0].size, 1);
    assert.deepEqual((await A.call('GET', `/v1/clusters?incident=${incidentId}`)).json.clusters.map((x: any) => x.id), [c.id]);

    const detail = await A.call('GET', `/v1/clusters/${encodeURIComponent(c.id)}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.json));
    assert.deepEqual(detail.json.signals.map((s: any) => s.uid).sort(), [signals.stream!.uid, signals.copy!.uid, signals.hidden!.uid].sort());
    assert.equal(detail.json.signals.find((s: any) => s.uid === signals.stream!.uid).incidentId, incidentId);
    const hour = new Date(Math.floor((clock.now() - HOUR) / HOUR) * HOUR).toISOString();
    assert.ok(detail.json.hourly.some((h: any) => h.node === A.id && h.hour === hour && h.count >= 8), JSON.stringify(detail.json.hourly));
    const streamHourly = detail.json.perSignal.filter((r: any) => r.signalUid === signals.stream!.uid).reduce((n: number, r: any) => n + r.count, 0);
    assert.equal(streamHourly, 4);

    // B's key at A: the local, unconfirmed signal is neither listed nor counted, and a cluster of hidden signals does not exist for it.
    const seen = await as(A, partnerKey, 'GET', `/v1/clusters/${encodeURIComponent(c.id)}`);
    assert.equal(seen.status, 200, JSON.stringify(seen.json));
    assert.equal(seen.json.size, 2);
    assert.ok(!JSON.stringify(seen.json).includes(signals.hidden!.uid));
    assert.deepEqual(seen.json.incidents, [incidentId]);
    const listed = await as(A, partnerKey, 'GET', '/v1/clusters');
    assert.ok(!JSON.stringify(listed.json).includes(signals.hidden!.uid));
    const kept = await A.call('POST', `/v1/banks/${bankId}/signals`, { signals: [{ type: 'pdq', value: 'e1'.repeat(32), label: 'perpetrator_content', reason: 'kept here', distribution: 'local' }] });
    const secret = (await A.call('GET', `/v1/clusters?signal=${kept.json.signals[0].uid}`)).json.clusters[0];
    assert.ok(secret, 'the node itself sees its local signal’s cluster');
    const hiddenCluster = await as(A, partnerKey, 'GET', `/v1/clusters/${encodeURIComponent(secret.id)}`);
    assert.equal(hiddenCluster.status, 404);
    assert.equal(hiddenCluster.json.error.code, 'CLUSTER_NOT_FOUND');
    assert.equal((await A.call('GET', '/v1/clusters/cluster:nope')).json.error.code, 'CLUSTER_NOT_FOUND');
  });

  test('an uploaded near copy of an incident signal proposes variant candidates and writes a variant entry', async () => {
    const { original, variant } = await imagePair();
    const hashed = await upload(A, '/v1/hash', original);
    assert.equal(hashed.status, 200, JSON.stringify(hashed.json));
    const pdq = hashed.json.signals.find((s: any) => s.type === 'pdq').value;
    await addSignal('image', pdq, { incidentId });
    const before = (await timeline(A)).filter((e) => e.kind === 'variant').length;
    const matched = await upload(A, '/v1/match', variant);
    assert.equal(matched.status, 200, JSON.stringify(matched.json));
    const entries = (await timeline(A)).filter((e) => e.kind === 'variant');
    assert.equal(entries.length, before + 1, JSON.stringify(entries));
    const entry = entries.find((e) => e.data.candidates !== undefined)!;
    assert.equal(entry.data.matchedSignalUid, signals.image!.uid);
    assert.ok(entry.data.candidates >= 1 && entry.data.types.includes('pdq'), JSON.stringify(entry.data));
    assert.ok(!JSON.stringify(entry).includes(matched.json.results.find((r: any) => r.query.type === 'pdq').query.value), 'the candidate hashes stay in the review queue');
    const candidates = (await A.call('GET', '/v1/review?kind=variant_candidate')).json.items;
    assert.equal(candidates.length, entry.data.candidates);
    await waitFor('the candidate entry at B', async () => (await timeline(B)).some((e) => e.kind === 'variant' && e.data.candidates !== undefined));
  });
});
