import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { WireEvent } from '../../exchange/feed/feed-event.js';
import { FeedWriter } from '../../exchange/feed/feed-writer.js';
import { NodeKey } from '../../exchange/node-key.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { openPostgresStore } from '../../store/postgres/postgres-database.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-database.js';
import type { ReceivedEvent } from '../../store/store-sync.js';
import type { Actor } from '../../store/store.js';
import { PostgresServer } from '../../testing/postgres-server.js';
import { INCIDENT_CRITERIA } from '../../config/incident-config.js';

const SELF: Actor = { partner: 'node-self', keyId: null };
const received = (events: WireEvent[]): ReceivedEvent[] => events.map((e) => ({ seq: e.seq, wire: JSON.stringify(e), body: JSON.parse(e.body!) }));
const criteria = INCIDENT_CRITERIA.map((criterion) => ({ criterion, met: true, reason: 'checked' }));
const incident = (uid: string, declarer: string, distribution = 'network') => ({
  uid, declarer, title: 'attack', tier: 'perpetrator_content', criteria, eventAt: '2030-01-01T09:00:00.000Z', discoveredAt: '2030-01-01T09:05:00.000Z', declaredAt: '2030-01-01T09:10:00.000Z',
  banks: [], signalUids: [], externalRefs: [], leadProtocol: null, distribution,
});
const entry = (uid: string, inc: string, byNode: string, nodeSeq: number, eventAt: string, kind = 'note') => ({ uid, incident: inc, byNode, nodeSeq, kind, eventAt, discoveredAt: eventAt, text: uid, data: {} });

/** The incident store on both dialects: own writes with their feed events, and partners' events applied once, in a total order. */
function incidentStoreContract(name: string, open: () => Promise<KyselyStore>): void {
  describe(`incident store: ${name}`, () => {
    let store: KyselyStore;
    const remoteKey = NodeKey.generate();
    const remote = new FeedWriter(remoteKey, 'node-remote');
    let seq = 0;
    let last = '';
    const apply = async (events: WireEvent[]) => {
      const r = await store.applyFeedPage('node-remote', { afterSeq: seq, lastSeq: seq + events.length, lastHash: events[events.length - 1]!.hash, remoteHead: seq + events.length, events: received(events) }, 2);
      seq += events.length;
      last = events[events.length - 1]!.hash;
      return r;
    };
    before(async () => {
      store = await open();
      const key = NodeKey.generate();
      store.attachFeedSigner({ nodeId: 'node-self', sign: (d) => key.sign(d) });
      await store.createPartner({ id: 'node-self', name: 'Self', kind: 'self' }, SELF);
      await store.createPartner({ id: 'node-remote', name: 'Remote', kind: 'partner', url: 'http://127.0.0.1:1', publicKey: remoteKey.publicKey }, SELF);
    });
    after(async () => store.close());

    test('a declaration stores the incident and its declared entry, and publishes both', async () => {
      const { incident: i, timeline } = await store.incidents.declare(
        { title: 'own', tier: 'awareness', criteria, eventAt: '2030-01-01T00:00:00.000Z', discoveredAt: '2030-01-01T00:00:00.000Z', bankIds: [], signalUids: [], externalRefs: [{ protocol: 'eu-crisis-protocol', id: 'ECP-1' }], leadProtocol: null, distribution: 'partners' },
        criteria,
        SELF,
      );
      assert.equal(i.declarer, 'node-self');
      assert.deepEqual(timeline.map((e) => [e.kind, e.nodeSeq]), [['declared', 1]]);
      const feed = (await store.feedAfter(0, 100)).filter((e) => JSON.parse(e.body).type.startsWith('incident.'));
      assert.deepEqual(feed.map((e) => [JSON.parse(e.body).type, e.level]), [['incident.declared', 'partners'], ['incident.entry', 'partners']]);
      assert.deepEqual((await store.incidents.get(i.id))!.externalRefs, [{ protocol: 'eu-crisis-protocol', id: 'ECP-1' }]);
    });

    test("a partner's incident and entries are applied once, in the timeline's total order, and passed on", async () => {
      const r = await apply([
        remote.append({ type: 'incident.declared', incident: incident('inc-r', 'node-remote') }),
        remote.append({ type: 'incident.entry', entry: entry('e-2', 'inc-r', 'node-remote', 2, '2030-01-01T10:00:00.000Z') }),
        remote.append({ type: 'incident.entry', entry: entry('e-1', 'inc-r', 'node-remote', 1, '2030-01-01T09:10:00.000Z', 'declared') }),
        remote.append({ type: 'incident.entry', entry: entry('e-2', 'inc-r', 'node-remote', 2, '2030-01-01T10:00:00.000Z') }),
      ]);
      assert.deepEqual([r.applied, r.skipped], [3, 1], 'the repeated entry is applied once');
      const held = (await store.incidents.get('inc-r'))!;
      assert.deepEqual([held.distribution, held.receivedFrom, held.declarer], ['partners', 'node-remote', 'node-remote']);
      assert.deepEqual((await store.incidents.timeline('inc-r')).map((e) => e.id), ['e-1', 'e-2']);
      const relays = (await store.feedAfter(0, 1000)).map((e) => JSON.parse(e.body)).filter((b) => b.type.startsWith('incident.') && (b.incident?.uid === 'inc-r' || b.entry?.incident === 'inc-r'));
      assert.equal(relays.length, 3, 'a network incident is passed on once more, with each entry');
      assert.ok(relays.every((b) => typeof b.original === 'string'), "each relay carries the author's signed event");
    });

    test('own entries on a received incident go back upstream; replays and forgeries are refused and audited', async () => {
      const [note] = await store.incidents.addEntries('inc-r', [{ kind: 'note', text: 'seen here', eventAt: '2030-01-01T09:30:00.000Z', discoveredAt: '2030-01-01T09:30:00.000Z' }], SELF);
      assert.equal(note!.nodeSeq, 1);
      const out = (await store.feedAfter(0, 1000)).find((e) => JSON.parse(e.body).type === 'incident.entry' && JSON.parse(e.body).entry.uid === note!.id)!;
      assert.deepEqual([out.level, out.audienceNode], ['partners', 'node-remote']);
      const r = await apply([
        remote.append({ type: 'incident.entry', entry: entry('e-replay', 'inc-r', 'node-remote', 2, '2030-01-01T11:00:00.000Z') }),
        remote.append({ type: 'incident.entry', entry: entry('e-forged', 'inc-r', 'node-other', 1, '2030-01-01T11:00:00.000Z') }),
        remote.append({ type: 'incident.entry', entry: entry('e-mine', 'inc-r', 'node-self', 9, '2030-01-01T11:00:00.000Z') }),
        remote.append({ type: 'incident.entry', entry: entry('e-unknown', 'inc-nope', 'node-remote', 3, '2030-01-01T11:00:00.000Z') }),
        remote.append({ type: 'incident.entry', entry: entry('e-end', 'inc-r', 'node-remote', 3, '2030-01-02T00:00:00.000Z', 'concluded') }),
      ]);
      assert.deepEqual([r.applied, r.skipped], [1, 4]);
      const refused = (await store.listAudit({ limit: 1000 })).filter((e) => e.action === 'incident.refused').map((e) => [e.details.entry, e.details.code]);
      assert.deepEqual(refused, [['e-replay', 'INCIDENT_ENTRY_REPLAYED'], ['e-forged', 'INCIDENT_ENTRY_FORGED'], ['e-mine', 'INCIDENT_ENTRY_FORGED'], ['e-unknown', 'INCIDENT_NOT_FOUND']]);
      assert.deepEqual((await store.incidents.timeline('inc-r')).map((e) => e.id), ['e-1', note!.id, 'e-2', 'e-end']);
      assert.equal((await store.incidents.get('inc-r'))!.status, 'concluded');
      assert.equal((await store.getSyncCursor('node-remote')).lastHash, last);
    });

    test('priority events beyond a page are applied with it, and skipped when the chain reaches them', async () => {
      const routine = [1, 2, 3].map((n) => remote.append({ type: 'signal.retracted', uid: `not-held-${n}`, reason: 'routine' }));
      const declared = remote.append({ type: 'incident.declared', incident: incident('inc-p', 'node-remote') });
      const signal = remote.append({ type: 'signal.retracted', uid: 'not-held-4', reason: 'not a priority type' });
      const first = received([routine[0]!]);
      const r1 = await store.applyFeedPage('node-remote', { afterSeq: seq, lastSeq: routine[0]!.seq, lastHash: routine[0]!.hash, remoteHead: signal.seq, events: first, priority: received([declared, signal]) }, 2);
      seq = routine[0]!.seq;
      assert.equal(r1.applied, 1, 'the incident is taken in with the first page');
      assert.equal((await store.incidents.get('inc-p'))!.declarer, 'node-remote');
      assert.equal((await store.getSyncCursor('node-remote')).lastSeq, routine[0]!.seq, 'the cursor stays in chain order');
      const r2 = await apply([routine[1]!, routine[2]!, declared, signal]);
      assert.equal(r2.applied, 0, 'reached in chain order, the declaration is a duplicate');
      assert.equal((await store.incidents.list()).filter((i) => i.id === 'inc-p').length, 1);
    });
  });
}

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

incidentStoreContract('sqlite', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-incidents-store-')), 'concord.db')));
incidentStoreContract('postgres', async () => openPostgresStore(await server.createDatabase('incidents')));
