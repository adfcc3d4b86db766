import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FeedWriter } from '../../exchange/feed/feed-writer.js';
import { NodeKey } from '../../exchange/node-key.js';
import { addSignal, randomPdq, register, startFedNode, waitFor, type FedNode } from '../../testing/federation-nodes.js';
import { ScriptedPartner } from '../../testing/scripted-partner.js';

const CRITERIA = [
  { criterion: 'ongoing_attack', met: true, reason: 'attack under way, confirmed by police' },
  { criterion: 'perpetrator_produced', met: true, reason: 'filmed by the attacker' },
  { criterion: 'depicts_killing', met: true, reason: 'shows people being shot' },
  { criterion: 'on_partner_services', met: true, reason: 'uploaded to two partners' },
];

/**
 * Incidents across real node processes on 127.0.0.1. A is partnered with everyone: B and C
 * in sharing group "eu", D in none, and a scripted partner X (in "eu") that forges and replays. B and
 * C do not sync with each other, so whatever reaches C from B went through A.
 */
describe('incidents across nodes', () => {
  let A: FedNode, B: FedNode, C: FedNode, D: FedNode;
  const X = new ScriptedPartner();
  let incidentId: string;
  const incidents = async (n: FedNode) => (await n.proc.call('GET', '/v1/incidents', n.key)).json.incidents as { id: string; status: string }[];
  const detail = async (n: FedNode, id: string) => (await n.proc.call('GET', `/v1/incidents/${id}`, n.key)).json;
  const entryIds = async (n: FedNode, id: string) => ((await detail(n, id)).timeline ?? []).map((e: { id: string }) => e.id) as string[];

  before(async () => {
    await X.start();
    [A, B, C, D] = await Promise.all([startFedNode('Node A'), startFedNode('Node B'), startFedNode('Node C'), startFedNode('Node D')]);
    await register(A, B, ['eu']);
    await register(A, C, ['eu']);
    await register(A, D);
    for (const n of [B, C, D]) await register(n, A);
    // B and C know each other's keys (to check the entries A relays) but do not sync with each other.
    assert.equal((await B.proc.call('POST', '/v1/partners', B.key, { name: C.name, publicKey: C.publicKey })).status, 201);
    assert.equal((await C.proc.call('POST', '/v1/partners', C.key, { name: B.name, publicKey: B.publicKey })).status, 201);
    assert.equal((await A.proc.call('POST', '/v1/partners', A.key, { name: 'Scripted X', url: X.url, publicKey: X.key.publicKey, sharingGroups: ['eu'] })).status, 201);
  });
  after(async () => {
    await Promise.all([A, B, C, D].filter(Boolean).map((n) => n.proc.kill()));
    await X.stop();
  });

  test('an incident declared at A appears with its timeline at B and C', async () => {
    const res = await A.proc.call('POST', '/v1/incidents', A.key, {
      title: 'Livestreamed attack',
      tier: 'perpetrator_content',
      criteria: CRITERIA,
      eventAt: new Date(Date.now() - 600_000).toISOString(),
      discoveredAt: new Date(Date.now() - 300_000).toISOString(),
      externalRefs: [{ protocol: 'gifct-cip', id: 'CIP-1' }],
      leadProtocol: 'gifct-cip',
      distribution: 'group:eu',
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    incidentId = res.json.incident.id;
    for (const n of [B, C]) {
      await waitFor(`${n.name} holds the incident`, async () => (await incidents(n)).some((i) => i.id === incidentId));
      const d = await detail(n, incidentId);
      assert.equal(d.incident.declarer, A.id);
      assert.equal(d.incident.receivedFrom, A.id);
      assert.deepEqual(d.incident.externalRefs, [{ protocol: 'gifct-cip', id: 'CIP-1' }]);
      await waitFor(`${n.name} has the declared entry`, async () => (await entryIds(n, incidentId)).length === 1);
      assert.deepEqual((await detail(n, incidentId)).timeline.map((e: { kind: string; byNode: string }) => [e.kind, e.byNode]), [['declared', A.id]]);
    }
  });

  test("B's join and note reach A and, through A, C: the same entries in the same order everywhere", async () => {
    assert.equal((await B.proc.call('POST', `/v1/incidents/${incidentId}/join`, B.key, { text: 'B platform team on it' })).status, 201);
    const note = await B.proc.call('POST', `/v1/incidents/${incidentId}/timeline`, B.key, { text: 'copies with a logo overlay', eventAt: new Date(Date.now() - 120_000).toISOString() });
    assert.equal(note.status, 201, JSON.stringify(note.json));
    assert.equal((await C.proc.call('POST', `/v1/incidents/${incidentId}/timeline`, C.key, { kind: 'action', text: 'C removed 14 copies' })).status, 201);
    assert.equal((await A.proc.call('POST', `/v1/incidents/${incidentId}/timeline`, A.key, { text: 'A: second wave expected' })).status, 201);
    for (const n of [A, B, C]) await waitFor(`${n.name} has all 5 entries`, async () => (await entryIds(n, incidentId)).length === 5);
    const [a, b, c] = await Promise.all([A, B, C].map((n) => entryIds(n, incidentId)));
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
    const atC = (await detail(C, incidentId)).timeline;
    const bNote = atC.find((e: { text: string }) => e.text === 'copies with a logo overlay');
    assert.equal(bNote.byNode, B.id, 'C sees B as the author');
    assert.equal(bNote.receivedFrom, A.id, 'relayed by A');
    assert.equal(atC[0].kind, 'note', "B's note has the earliest event time");
  });

  test('signals added under the incident carry its id to partners', async () => {
    const value = randomPdq();
    const res = await A.proc.call('POST', `/v1/banks/${A.bankId}/signals`, A.key, { signals: [{ type: 'pdq', value, label: 'perpetrator_content', reason: 'the stream', distribution: 'group:eu', incidentId }] });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    for (const reviewer of A.reviewerKeys) await A.proc.call('POST', '/v1/signals/confirm', reviewer, { ids: [res.json.signals[0].id] });
    let atB: { incidentId?: string } | undefined;
    await waitFor('B holds the signal', async () => {
      const m = (await B.proc.call('POST', '/v1/match', B.key, { signals: [{ type: 'pdq', value }] })).json.results[0].matches[0];
      if (m) atB = (await B.proc.call('GET', `/v1/signals/${m.signalId}`, B.key)).json.signal;
      return atB !== undefined;
    });
    assert.equal(atB!.incidentId, incidentId);
    void addSignal; // routine signals: see the federation e2e test
  });

  test('a partner outside the distribution never sees it, through any read path', async () => {
    await waitFor('D has synced past A’s incident events', async () => {
      const p = (await D.proc.call('GET', '/v1/partners', D.key)).json.partners.find((x: { id: string }) => x.id === A.id);
      const head = (await A.proc.call('GET', '/v1/partners', A.key)).json.partners.length > 0;
      return head && p?.sync?.lastSeq > 0 && p.sync.lastSeq === p.sync.remoteHead;
    });
    assert.deepEqual(await incidents(D), []);
    assert.equal((await D.proc.call('GET', `/v1/incidents/${incidentId}`, D.key)).json.error.code, 'INCIDENT_NOT_FOUND');
    const audit = (await D.proc.call('GET', '/v1/audit?limit=1000', D.key)).json.entries;
    assert.ok(!audit.some((e: { subjectType: string }) => e.subjectType === 'incident'), "no incident in D's audit log");
    // At A, a key A issued to D's organisation sees it no more than D's node does.
    const key = await A.proc.call('POST', '/v1/keys', A.key, { roles: ['auditor'], purpose: 'D desk', partnerId: D.id });
    assert.equal(key.status, 201, JSON.stringify(key.json));
    assert.deepEqual((await A.proc.call('GET', '/v1/incidents', key.json.key)).json.incidents, []);
    assert.equal((await A.proc.call('GET', `/v1/incidents/${incidentId}`, key.json.key)).json.error.code, 'INCIDENT_NOT_FOUND');
  });

  test('forged, replayed and unauthorised entries are refused at A, counted, and change nothing', async () => {
    const entry = (uid: string, incident: string, byNode: string, nodeSeq: number) => ({ uid, incident, byNode, nodeSeq, kind: 'note', eventAt: new Date().toISOString(), discoveredAt: new Date().toISOString(), text: `scripted ${uid}`, data: {} });
    const nato = (await A.proc.call('POST', '/v1/incidents', A.key, { title: 'NATO-only incident', tier: 'awareness', criteria: CRITERIA, eventAt: new Date().toISOString(), discoveredAt: new Date().toISOString(), distribution: 'group:nato' })).json.incident.id;
    // X's own entry, then another under the same sequence number: the second is a replay.
    X.append({ type: 'incident.entry', entry: entry('x-own', incidentId, X.id, 1) });
    X.append({ type: 'incident.entry', entry: entry('x-replay', incidentId, X.id, 1) });
    // Claims B wrote it, with no proof.
    X.append({ type: 'incident.entry', entry: entry('x-claims-b', incidentId, B.id, 7) });
    // Claims B wrote it, with an "original" signed by another key.
    const fake = new FeedWriter(NodeKey.generate(), B.id).append({ type: 'incident.entry', entry: entry('x-fake-b', incidentId, B.id, 8) });
    X.append({ type: 'incident.entry', entry: entry('x-fake-b', incidentId, B.id, 8), original: JSON.stringify(fake) });
    // Concludes A's incident in A's name.
    X.append({ type: 'incident.entry', entry: { ...entry('x-concludes', incidentId, A.id, 99), kind: 'concluded' } });
    // An incident X may not see at A (group nato).
    X.append({ type: 'incident.entry', entry: entry('x-nato', nato, X.id, 1) });
    // The same event twice is applied once (it may arrive along two paths): not refused, not repeated.
    X.append({ type: 'incident.entry', entry: entry('x-own', incidentId, X.id, 1) });
    const refused = async () => ((await A.proc.call('GET', '/v1/audit?limit=1000', A.key)).json.entries as { action: string; details: { code: string; entry?: string } }[]).filter((e) => e.action === 'incident.refused');
    await waitFor('A refused five', async () => (await refused()).length >= 5, 15_000).catch(async (err) => {
      const sync = (await A.proc.call('GET', '/v1/partners', A.key)).json.partners.find((p: { id: string }) => p.id === X.id)?.sync;
      throw new Error(`${(err as Error).message}; refused ${JSON.stringify(await refused())}; sync with X ${JSON.stringify(sync)}`);
    });
    await waitFor('A synced all of X', async () => (await A.proc.call('GET', '/v1/partners', A.key)).json.partners.find((p: { id: string }) => p.id === X.id)?.sync?.lastSeq === X.events.length);
    const codes = Object.fromEntries((await refused()).map((e) => [e.details.entry, e.details.code]));
    assert.deepEqual(codes, {
      'x-replay': 'INCIDENT_ENTRY_REPLAYED',
      'x-claims-b': 'INCIDENT_ENTRY_FORGED',
      'x-fake-b': 'INCIDENT_ENTRY_FORGED',
      'x-concludes': 'INCIDENT_ENTRY_FORGED',
      'x-nato': 'INCIDENT_SENDER_NOT_ALLOWED',
    });
    const d = await detail(A, incidentId);
    assert.equal(d.incident.status, 'open');
    assert.deepEqual(d.timeline.filter((e: { id: string }) => e.id.startsWith('x-')).map((e: { id: string }) => e.id), ['x-own'], "only X's one genuine entry, once");
    assert.deepEqual((await detail(A, nato)).timeline.map((e: { kind: string }) => e.kind), ['declared']);
    // X's genuine entry reaches B and C through A, like any partner's.
    for (const n of [B, C]) await waitFor(`${n.name} has X's entry`, async () => (await entryIds(n, incidentId)).includes('x-own'));
  });

  test('only the declarer concludes; the conclusion reaches every holder', async () => {
    const refused = await C.proc.call('POST', `/v1/incidents/${incidentId}/conclude`, C.key, { text: 'we think it is over' });
    assert.equal(refused.json.error?.code, 'INCIDENT_NOT_DECLARER');
    const res = await A.proc.call('POST', `/v1/incidents/${incidentId}/conclude`, A.key, { text: 'no new copies for a day' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    for (const n of [B, C]) await waitFor(`${n.name} sees it concluded`, async () => (await detail(n, incidentId)).incident.status === 'concluded');
    const [a, b, c] = await Promise.all([A, B, C].map((n) => entryIds(n, incidentId)));
    await waitFor('the debrief reaches C', async () => (await entryIds(C, incidentId)).length === a.length);
    assert.deepEqual(b, a);
    assert.deepEqual(await entryIds(C, incidentId), a);
    void c;
  });
});
