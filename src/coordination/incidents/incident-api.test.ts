import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newApiKey } from '../../auth/api-key.js';
import { parseNodeConfig } from '../../config/node-config.js';
import { createNode, type ConcordNode } from '../../node/concord-node.js';
import { SYSTEM_KEY } from '../../node/node-identity.js';
import { fixedClock } from '../../util/clock.js';
import { logAlertSink } from '../alert-sink.js';
import { IncidentWatch } from './incident-watch.js';

const CRITERIA = [
  { criterion: 'ongoing_attack', met: true, reason: 'shooting in progress, confirmed by police' },
  { criterion: 'perpetrator_produced', met: true, reason: 'helmet camera of the attacker' },
  { criterion: 'depicts_killing', met: true, reason: 'victims are shot on camera' },
  { criterion: 'on_partner_services', met: true, reason: 're-uploads on two partner platforms' },
];
const declaration = (extra: Record<string, unknown> = {}) => ({
  title: 'Livestreamed attack',
  tier: 'perpetrator_content',
  criteria: CRITERIA,
  eventAt: '2030-01-01T09:58:00Z',
  discoveredAt: '2030-01-01T10:02:00Z',
  externalRefs: [{ protocol: 'gifct-cip', id: 'CIP-2030-001' }],
  leadProtocol: 'concord',
  ...extra,
});

/** Incidents through the API of one real node (SQLite, in-process), with its clock fixed. */
describe('incidents API', () => {
  const clock = fixedClock('2030-01-01T10:05:00.000Z');
  const alerts: Record<string, unknown>[] = [];
  let node: ConcordNode;
  let admin: string;
  let partnerKey: string;
  let bankId: number;
  let watch: IncidentWatch;
  const call = async (method: string, url: string, key: string, body?: unknown) => {
    const res = await node.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${key}` }, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, json: res.json() };
  };
  /** What a failed request must leave unchanged: incidents, entries, signals, the feed and the audit chain. */
  const footprint = async () => {
    const db = node.store.db;
    const count = async (t: 'incidents' | 'incident_entries' | 'signals' | 'feed_events' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return [await count('incidents'), await count('incident_entries'), await count('signals'), await count('feed_events'), await count('audit_log')];
  };

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-incidents-'));
    const config = parseNodeConfig({ dataDir, logLevel: 'silent', sync: false, incidents: { quietHours: 2, quietMatchesPerHour: 1 } });
    node = await createNode(config, { logger: false, clock });
    admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    watch = new IncidentWatch(node.store.incidents, config.incidents, clock, logAlertSink((fields) => alerts.push(fields.alert as Record<string, unknown>)), { partner: node.selfPartner, keyId: SYSTEM_KEY });
    const self = { partner: node.selfPartner, keyId: null };
    await node.store.createPartner({ id: 'p-outside', name: 'Outside partner', kind: 'partner', sharingGroups: ['other'] }, self);
    const fresh = newApiKey();
    await node.store.createApiKey({ id: fresh.id, partnerId: 'p-outside', keyHash: fresh.hash, roles: ['curator', 'auditor'], purpose: 'partner desk' }, self);
    partnerKey = fresh.key;
    bankId = (await call('POST', '/v1/banks', admin, { name: 'attack day 1', description: '' })).json.id;
  });
  after(async () => node.close());

  test('declares an incident with its checklist, times, links and a signed declared entry', async () => {
    const res = await call('POST', '/v1/incidents', admin, declaration({ bankIds: [bankId] }));
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const { incident, timeline } = res.json;
    assert.equal(incident.tier, 'perpetrator_content');
    assert.equal(incident.declarer, node.selfPartner);
    assert.deepEqual(incident.banks, ['attack day 1']);
    assert.equal(incident.eventAt, '2030-01-01T09:58:00.000Z');
    assert.equal(incident.declaredAt, '2030-01-01T10:05:00.000Z');
    assert.deepEqual(incident.criteria.map((c: { criterion: string }) => c.criterion), ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services']);
    assert.deepEqual(timeline.map((e: { kind: string; byNode: string; nodeSeq: number }) => [e.kind, e.byNode, e.nodeSeq]), [['declared', node.selfPartner, 1]]);
    const feed = (await node.store.feedAfter(0, 1000)).map((e) => JSON.parse(e.body));
    assert.deepEqual(feed.filter((b) => b.type.startsWith('incident.')).map((b) => b.type), ['incident.declared', 'incident.entry']);
    const list = await call('GET', '/v1/incidents', admin);
    assert.deepEqual(list.json.incidents.map((i: { id: string }) => i.id), [incident.id]);
  });

  test('bad declarations get coded errors and store nothing', async () => {
    const before = await footprint();
    const cases: [Record<string, unknown>, string][] = [
      [{ tier: 'level_9' }, 'INCIDENT_TIER_UNKNOWN'],
      [{ criteria: CRITERIA.map((c, i) => (i === 2 ? { ...c, reason: '' } : c)) }, 'INCIDENT_CRITERION_INVALID'],
      [{ criteria: CRITERIA.slice(0, 3) }, 'INCIDENT_CRITERION_INVALID'],
      [{ criteria: CRITERIA.map((c, i) => (i === 0 ? { ...c, met: false, reason: 'no attack under way' } : c)) }, 'INCIDENT_CRITERION_INVALID'],
      [{ criteria: [...CRITERIA, { criterion: 'political_speech', met: true, reason: 'not a criterion' }] }, 'INCIDENT_CRITERION_INVALID'],
      [{ bankIds: [9999] }, 'INCIDENT_LINK_UNKNOWN'],
      [{ signalUids: ['no-such-signal'] }, 'INCIDENT_LINK_UNKNOWN'],
      [{ eventAt: 'yesterday' }, 'REQUEST_INVALID'],
    ];
    for (const [patch, code] of cases) {
      const res = await call('POST', '/v1/incidents', admin, declaration(patch));
      assert.equal(res.json.error?.code, code, `${JSON.stringify(patch)} → ${JSON.stringify(res.json)}`);
    }
    const awareness = await call('POST', '/v1/incidents', admin, declaration({ tier: 'awareness', criteria: CRITERIA.map((c) => ({ ...c, met: false, reason: 'not established yet' })), distribution: 'local' }));
    assert.equal(awareness.status, 201, 'the awareness tier requires no criterion to be met, only reasons');
    const after = await footprint();
    assert.deepEqual(after.map((n, i) => n - before[i]!), [1, 1, 0, 2, 1], 'only the valid declaration was stored');
  });

  test('unknown incidents: coded errors on every route, and a signal under one is not stored', async () => {
    const before = await footprint();
    assert.equal((await call('GET', '/v1/incidents/nope', admin)).json.error.code, 'INCIDENT_NOT_FOUND');
    assert.equal((await call('POST', '/v1/incidents/nope/timeline', admin, { text: 'x' })).json.error.code, 'INCIDENT_NOT_FOUND');
    assert.equal((await call('POST', '/v1/incidents/nope/join', admin, {})).json.error.code, 'INCIDENT_NOT_FOUND');
    assert.equal((await call('POST', '/v1/incidents/nope/conclude', admin, {})).json.error.code, 'INCIDENT_NOT_FOUND');
    const add = await call('POST', `/v1/banks/${bankId}/signals`, admin, { signals: [{ type: 'md5', value: 'a'.repeat(32), label: 'perpetrator_content', reason: 'copy of the stream', incidentId: 'nope' }] });
    assert.equal(add.json.error?.code, 'INCIDENT_NOT_FOUND');
    assert.deepEqual(await footprint(), before);
  });

  test('notes and actions join the timeline in event-time order; the declarer cannot join its own incident', async () => {
    const [incident] = (await call('GET', '/v1/incidents?status=open', admin)).json.incidents.filter((i: { tier: string }) => i.tier === 'perpetrator_content');
    clock.set('2030-01-01T10:10:00.000Z');
    const note = await call('POST', `/v1/incidents/${incident.id}/timeline`, admin, { text: 'second upload wave on video hosts', eventAt: '2030-01-01T10:00:00Z' });
    assert.equal(note.status, 201, JSON.stringify(note.json));
    assert.equal(note.json.nodeSeq, 2);
    const action = await call('POST', `/v1/incidents/${incident.id}/timeline`, admin, { kind: 'action', text: 'hashes pushed to the upload filter' });
    assert.equal(action.json.kind, 'action');
    const detail = (await call('GET', `/v1/incidents/${incident.id}`, admin)).json;
    assert.deepEqual(detail.timeline.map((e: { kind: string }) => e.kind), ['note', 'declared', 'action'], 'ordered by event time, not by arrival');
    assert.equal((await call('POST', `/v1/incidents/${incident.id}/join`, admin, {})).json.error.code, 'INCIDENT_ALREADY_JOINED');
  });

  test("a partner's key sees an incident only through its distribution, on every read path", async () => {
    const eu = (await call('POST', '/v1/incidents', admin, declaration({ title: 'EU-only incident', distribution: 'group:eu' }))).json.incident;
    const shared = (await call('GET', '/v1/incidents', admin)).json.incidents.find((i: { distribution: string; tier: string }) => i.distribution === 'partners' && i.tier === 'perpetrator_content');
    const seen = (await call('GET', '/v1/incidents', partnerKey)).json.incidents.map((i: { id: string }) => i.id);
    assert.ok(seen.includes(shared.id), 'a partners incident is visible');
    assert.ok(!seen.includes(eu.id), 'a group:eu incident is not listed for a partner outside eu');
    assert.equal((await call('GET', `/v1/incidents/${eu.id}`, partnerKey)).json.error.code, 'INCIDENT_NOT_FOUND');
    assert.equal((await call('GET', `/v1/incidents/${shared.id}`, partnerKey)).status, 200);
    const audit = (await call('GET', '/v1/audit?limit=1000', partnerKey)).json.entries;
    assert.ok(!audit.some((e: { subjectId: string }) => e.subjectId === eu.id), 'no audit entry names it either');
    assert.equal((await call('POST', `/v1/incidents/${shared.id}/timeline`, partnerKey, { text: 'x' })).json.error.code, 'FORBIDDEN', "a partner's key writes nothing as this node");
  });

  test('signals carry the incident; the watcher writes first share, first match and hourly matches, then proposes conclusion once', async () => {
    const incident = (await call('GET', '/v1/incidents', admin)).json.incidents.find((i: { title: string; tier: string }) => i.title === 'Livestreamed attack' && i.tier === 'perpetrator_content');
    const add = await call('POST', `/v1/banks/${bankId}/signals`, admin, { signals: [{ type: 'md5', value: 'b'.repeat(32), label: 'perpetrator_content', reason: 'copy of the stream', incidentId: incident.id }] });
    assert.equal(add.status, 201, JSON.stringify(add.json));
    const signal = add.json.signals[0];
    assert.equal(signal.incidentId, incident.id);
    clock.set('2030-01-01T10:12:00.000Z');
    for (const purpose of ['r1', 'r2']) {
      const fresh = newApiKey();
      await node.store.createApiKey({ id: fresh.id, partnerId: node.selfPartner, keyHash: fresh.hash, roles: ['reviewer'], purpose }, { partner: node.selfPartner, keyId: null });
      await call('POST', `/v1/signals/${signal.id}/opinions`, fresh.key, { opinion: 'confirmed', reason: 'reviewed' });
    }
    const published = (await node.store.feedAfter(0, 10_000)).map((e) => JSON.parse(e.body)).find((b) => b.type === 'signal.added' && b.signal.uid === signal.uid);
    assert.equal(published.signal.incident, incident.id, 'the shared signal carries the incident id');
    await watch.tick();
    clock.set('2030-01-01T10:20:00.000Z');
    await node.store.recordMatches(new Map([[signal.id, 3]]), '2030-01-01T10:19:30.000Z');
    await watch.tick();
    clock.set('2030-01-01T11:20:00.000Z');
    await node.store.recordMatches(new Map([[signal.id, 2]]), '2030-01-01T11:00:00.000Z');
    await watch.tick();
    let detail = (await call('GET', `/v1/incidents/${incident.id}`, admin)).json;
    const kinds = (k: string) => detail.timeline.filter((e: { kind: string }) => e.kind === k);
    assert.equal(kinds('signals_shared')[0].eventAt, '2030-01-01T10:12:00.000Z');
    assert.equal(kinds('first_match')[0].eventAt, '2030-01-01T10:19:30.000Z');
    assert.deepEqual(kinds('matches').map((e: { data: { count: number } }) => e.data.count), [5]);
    assert.equal(kinds('conclusion_proposed').length, 0, 'not quiet yet');
    clock.set('2030-01-01T12:30:00.000Z');
    await watch.tick();
    const about = () => alerts.filter((a) => (a.subject as { id: string }).id === incident.id);
    assert.equal(about().length, 0, 'matches within the last 2 h: still active');
    assert.ok(alerts.length > 0, 'the quiet incidents declared without any signal are proposed for conclusion');
    clock.set('2030-01-01T13:30:00.000Z');
    await watch.tick();
    await watch.tick();
    detail = (await call('GET', `/v1/incidents/${incident.id}`, admin)).json;
    assert.equal(kinds('conclusion_proposed').length, 1, 'proposed once after 2 quiet hours');
    assert.deepEqual(about().map((a) => [a.kind, a.incidentId]), [['incident_conclusion_proposed', incident.id]]);
    assert.equal(detail.incident.status, 'open', 'a proposal does not conclude');
    assert.equal(detail.debrief.firstSignalSharedAt, '2030-01-01T10:12:00.000Z');
    assert.equal(detail.debrief.declarationToFirstSignalSeconds, 420);
    assert.deepEqual(detail.debrief.firstMatches.map((m: { node: string; afterDeclarationSeconds: number }) => [m.node, m.afterDeclarationSeconds]), [[node.selfPartner, 870]]);
  });

  test('the declarer concludes once, with a debrief entry of measured timings', async () => {
    const incident = (await call('GET', '/v1/incidents', admin)).json.incidents.find((i: { title: string; tier: string }) => i.title === 'Livestreamed attack' && i.tier === 'perpetrator_content');
    clock.set('2030-01-02T10:05:00.000Z');
    const res = await call('POST', `/v1/incidents/${incident.id}/conclude`, admin, { text: 'no new uploads for a day' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.incident.status, 'concluded');
    assert.equal(res.json.debrief.durationSeconds, 86_400);
    const debrief = res.json.timeline.find((e: { kind: string }) => e.kind === 'debrief');
    assert.equal(debrief.data.declarationToFirstSignalSeconds, 420);
    const before = await footprint();
    assert.equal((await call('POST', `/v1/incidents/${incident.id}/conclude`, admin, {})).json.error.code, 'INCIDENT_CONCLUDED');
    assert.equal((await call('POST', `/v1/incidents/${incident.id}/join`, admin, {})).json.error.code, 'INCIDENT_CONCLUDED');
    assert.deepEqual(await footprint(), before);
  });
});
