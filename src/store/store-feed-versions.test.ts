import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkPageCut } from '../exchange/feed/feed-cut.js';
import { checkPage, eventHash, FEED_GENESIS, sha256Hex } from '../exchange/feed/feed-event.js';
import { servedPage } from '../exchange/feed/feed-serve.js';
import { NodeKey } from '../exchange/node-key.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { canonicalJson } from './audit-hash.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres/postgres-database.js';
import { openSqliteStore } from './sqlite/sqlite-database.js';

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server?.stop());

const DIALECTS: [string, () => Promise<KyselyStore>][] = [
  ['sqlite', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-fv-')), 'concord.db'))],
  ['postgres', async () => openPostgresStore(await server.createDatabase('feed_versions'))],
];

for (const [name, open] of DIALECTS) {
  describe(`feed hash versions: ${name}`, () => {
    test('a feed stored before audiences were signed keeps its v1 events, and new v2 events chain on from them', async () => {
      const store = await open();
      try {
        const key = NodeKey.generate();
        // Two events as an older version wrote them: v1 hash, no audience in it.
        let prev = FEED_GENESIS;
        for (const seq of [1, 2]) {
          const body = canonicalJson({ type: 'signal.retracted', uid: `old-${seq}`, reason: 'old', at: '2026-01-01T00:00:00.000Z', node: 'node-self' });
          const bodyHash = sha256Hex(body);
          const hash = eventHash(seq, prev, bodyHash);
          await store.db.insertInto('feed_events').values({ seq, at: '2026-01-01T00:00:00.000Z', type: 'signal.retracted', body, body_hash: bodyHash, prev_hash: prev, hash, sig: key.sign(hash), audience: seq === 1 ? 'partners' : 'group:eu', audience_node: null, hash_version: 1 }).execute();
          prev = hash;
        }
        store.attachFeedSigner({ nodeId: 'node-self', sign: (d) => key.sign(d) });
        await store.createPartner({ id: 'node-self', name: 'Self', kind: 'self' }, { partner: 'node-self', keyId: null });
        const bank = (await store.createBank({ name: 'own', description: '' }, { partner: 'node-self', keyId: null })).id;
        const [added] = await store.addSignals(bank, [{ type: 'md5', value: 'a'.repeat(32), label: 'perpetrator_content', reason: 'new', distribution: 'group:eu' }], { partner: 'node-self', keyId: null });
        // Four eyes: the signal is published once a reviewer key confirms it.
        await store.createApiKey({ id: 'k-review', partnerId: 'node-self', keyHash: 'h-review', roles: ['reviewer'], purpose: 'review desk' }, { partner: 'node-self', keyId: null });
        await store.confirmSignals([added!.id], { partner: 'node-self', keyId: 'k-review' });
        const events = await store.feedAfter(0, 100);
        assert.deepEqual(events.map((e) => e.v ?? 1), [1, 1, 2]);
        assert.equal(events[0]!.audience, undefined, 'a v1 event is served exactly as it was hashed');
        assert.equal(checkPage(events, 0, FEED_GENESIS, key.publicKey), undefined, 'the chain verifies across the change of version');
        // A partner outside group eu gets stubs for event 2 (v1) and 3 (v2): both are legitimate.
        const page = servedPage({ node: 'node-self', head: 3, after: 0, reader: { id: 'node-out', sharingGroups: [] }, events, sign: (t) => key.sign(t), now: new Date() });
        assert.deepEqual(page.events.map((e) => e.body !== undefined), [true, false, false]);
        assert.doesNotThrow(() => checkPageCut(page, { partner: 'node-self', selfId: 'node-out', after: 0, publicKey: key.publicKey, now: Date.now() }));
        // The same stubs towards a partner in eu: the v2 one is caught, the v1 one cannot be (documented).
        const eu = servedPage({ node: 'node-self', head: 3, after: 0, reader: { id: 'node-eu', sharingGroups: ['eu'] }, events, sign: (t) => key.sign(t), now: new Date() });
        const stripped = { ...eu, events: eu.events.map((e) => (e.seq === 3 ? { ...e, body: undefined } : e)) };
        assert.throws(() => checkPageCut(stripped, { partner: 'node-self', selfId: 'node-eu', after: 0, publicKey: key.publicKey, now: Date.now() }), { code: 'FEED_BODY_WITHHELD' });
      } finally {
        await store.close();
      }
    });
  });
}
