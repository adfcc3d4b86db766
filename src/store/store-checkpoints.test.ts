import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkpointIsGenuine } from '../exchange/audit-checkpoint.js';
import { verifyAuditChain } from '../exchange/audit-verify.js';
import { FeedWriter } from '../exchange/feed/feed-writer.js';
import { NodeKey } from '../exchange/node-key.js';
import { forgetOwnCheckpoints, rechainAudit, truncateAudit } from '../testing/audit-tamper.js';
import { PostgresServer } from '../testing/postgres-server.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres/postgres-database.js';
import { openSqliteStore } from './sqlite/sqlite-database.js';
import type { Actor } from './store.js';

const SELF: Actor = { partner: 'node-self', keyId: null };
const EVERY = 4;

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server?.stop());

const DIALECTS: [string, () => Promise<KyselyStore>][] = [
  ['sqlite', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-cp-')), 'concord.db'))],
  ['postgres', async () => openPostgresStore(await server.createDatabase(`cp_${Math.random().toString(36).slice(2, 10)}`))],
];

for (const [name, open] of DIALECTS) {
  describe(`audit checkpoints: ${name}`, () => {
    const key = NodeKey.generate();
    const stores: KyselyStore[] = [];
    after(async () => Promise.all(stores.map((s) => s.close())));

    /** A node's store with a checkpoint every EVERY entries and `writes` signal additions behind it. */
    async function node(writes: number): Promise<KyselyStore> {
      const store = await open();
      stores.push(store);
      store.attachFeedSigner({ nodeId: 'node-self', sign: (d) => key.sign(d) });
      store.setAuditCheckpointEvery(EVERY);
      await store.createPartner({ id: 'node-self', name: 'Self', kind: 'self' }, SELF);
      const bank = (await store.createBank({ name: 'own', description: '' }, SELF)).id;
      for (let i = 0; i < writes; i++) {
        await store.addSignals(bank, [{ type: 'md5', value: String(i % 10).repeat(31) + String(Math.floor(i / 10)), label: 'perpetrator_content', reason: `copy ${i}`, distribution: 'partners' }], SELF);
      }
      return store;
    }

    test('a signed checkpoint is published on the feed every N entries, and kept', async () => {
      const store = await node(9);
      const own = await store.listAuditCheckpoints('node-self', 100);
      assert.ok(own.length >= 2, `checkpoints: ${own.length}`);
      assert.ok(own.every((cp, i) => i === 0 || own[i - 1]!.length - cp.length >= EVERY), 'one per EVERY entries at most');
      const audit = await store.listAudit({ limit: 1000 });
      const at = audit.find((a) => a.seq === own[0]!.length)!;
      assert.equal(own[0]!.head, at.hash, 'the checkpoint states the hash of the entry at its length');
      const event = (await store.feedAfter(own[0]!.feedSeq - 1, 1))[0]!;
      assert.equal(JSON.parse(event.body).type, 'audit.checkpoint');
      assert.equal(event.level, 'network', 'every partner gets it: it reveals no content');
      assert.ok(checkpointIsGenuine(own[0]!, [key.publicKey]));
      assert.ok(!checkpointIsGenuine(own[0]!, [NodeKey.generate().publicKey]), 'only the node key makes it genuine');
      assert.ok(!checkpointIsGenuine({ ...own[0]!, length: own[0]!.length + 1 }, [key.publicKey]), 'a copy whose length was changed is not genuine');
      assert.equal((await verifyAuditChain(store, { selfId: 'node-self' })).ok, true);
    });

    test('the periodic job publishes a checkpoint only when the chain grew since the last one', async () => {
      const store = await node(2);
      store.setAuditCheckpointEvery(0);
      const before = (await store.listAuditCheckpoints('node-self', 1))[0]?.length ?? 0;
      await store.createBank({ name: 'another', description: '' }, SELF);
      const length = (await store.listAudit({ limit: 1000 })).length;
      assert.ok(length > before);
      const cp = await store.publishAuditCheckpoint();
      assert.equal(cp?.length, length);
      assert.equal(await store.publishAuditCheckpoint(), undefined, 'nothing new, nothing published');
      assert.equal((await store.listAuditCheckpoints('node-self', 1))[0]!.length, length);
    });

    test('a truncated tail verifies on its own but not against the last checkpoint', async () => {
      const store = await node(9);
      const last = (await store.listAuditCheckpoints('node-self', 1))[0]!;
      await truncateAudit(store.db, last.length - 2);
      assert.equal((await store.verifyAudit()).ok, true, 'the hash chain alone cannot see a cut tail');
      const report = await verifyAuditChain(store, { selfId: 'node-self' });
      assert.equal(report.ok, false);
      assert.equal(report.firstBroken!.seq, last.length - 1);
      assert.match(report.firstBroken!.problem, /truncated/);
    });

    test('a chain rewritten with recomputed hashes verifies on its own but not against the checkpoints', async () => {
      const store = await node(9);
      await rechainAudit(store.db, { seq: 3, details: { name: 'nothing to see' } });
      assert.equal((await store.verifyAudit()).ok, true, 'the hash chain alone cannot see a rewrite');
      const report = await verifyAuditChain(store, { selfId: 'node-self' });
      assert.equal(report.ok, false);
      assert.match(report.firstBroken!.problem, /rewritten/);
    });

    test("a partner's checkpoints are kept from its feed, and one naming another node is not", async () => {
      const store = await node(0);
      const remoteKey = NodeKey.generate();
      await store.createPartner({ id: 'node-remote', name: 'Remote', kind: 'partner', url: 'http://127.0.0.1:9', publicKey: remoteKey.publicKey }, SELF);
      const w = new FeedWriter(remoteKey, 'node-remote');
      const events = [w.append({ type: 'audit.checkpoint', length: 40, head: 'a'.repeat(64) }), w.append({ type: 'audit.checkpoint', length: 80, head: 'b'.repeat(64) })];
      const forged = new FeedWriter(remoteKey, 'node-else', { seq: 2, hash: events[1]!.hash }).append({ type: 'audit.checkpoint', length: 9, head: 'c'.repeat(64) });
      events.push(forged);
      const result = await store.applyFeedPage(
        'node-remote',
        { afterSeq: 0, lastSeq: 3, lastHash: forged.hash, remoteHead: 3, events: events.map((e) => ({ seq: e.seq, wire: JSON.stringify(e), body: JSON.parse(e.body!) })) },
        2,
      );
      assert.equal(result.applied, 2);
      const kept = await store.listAuditCheckpoints('node-remote', 10);
      assert.deepEqual(kept.map((c) => [c.length, c.head[0]]), [[80, 'b'], [40, 'a']]);
      assert.ok(kept.every((c) => checkpointIsGenuine(c, [remoteKey.publicKey])), 'kept with the signed event, so the remote node can check its own copies');
      assert.deepEqual(await store.listAuditCheckpoints('node-else', 10), []);
    });

    test('without its own checkpoints (deleted too), the node alone cannot tell: that is what partners are for', async () => {
      const store = await node(9);
      const last = (await store.listAuditCheckpoints('node-self', 1))[0]!;
      await truncateAudit(store.db, last.length - 1);
      await forgetOwnCheckpoints(store.db, 'node-self');
      assert.equal((await verifyAuditChain(store, { selfId: 'node-self' })).ok, true);
      assert.equal((await store.checkAuditAgainst([last])) !== undefined, true, "a partner's copy of the last checkpoint still catches it");
    });
  });
}
