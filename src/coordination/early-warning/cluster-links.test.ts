import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IndexService } from '../../match/index-service.js';
import { defaultRegistry } from '../../signals/default-registry.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { openPostgresStore } from '../../store/postgres/postgres-database.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-database.js';
import { PostgresServer } from '../../testing/postgres-server.js';
import { fixedClock } from '../../util/clock.js';
import { randomIds } from '../../util/id-generator.js';
import { KyselyClusterLinkStore, type ClusterLinkStore, type SignalLink } from './cluster-links.js';
import { SignalClusters } from './signal-clusters.js';

const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

/** The real index, counting searches; `refuse` makes a search fail the test (a process that must only read links). */
function counted(index: IndexService, refuse = false) {
  const seen = { searches: 0 };
  return {
    seen,
    index: {
      refresh: () => index.refresh(),
      search: (...args: Parameters<IndexService['search']>) => {
        if (refuse) throw new Error('this process must not search the index');
        seen.searches += 1;
        return index.search(...args);
      },
    },
  };
}

/** Every signal's cluster, as sorted lists of ids, for comparing two processes' views. */
const partition = (c: SignalClusters, ids: readonly number[]) => [...new Set(ids.map((id) => JSON.stringify(c.memberIds(id).sort((a, b) => a - b))))].sort();

let server: PostgresServer;
let databases = 0;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

const DIALECTS: { name: string; open(): Promise<KyselyStore> }[] = [
  { name: 'sqlite', open: () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-links-')), 'concord.db')) },
  { name: 'postgres', open: async () => openPostgresStore(await server.createDatabase(`links${++databases}`)) },
];

for (const dialect of DIALECTS) {
  describe(`cluster links shared between processes (${dialect.name})`, () => {
    let store: KyselyStore;
    let index: IndexService;
    let ids: number[] = [];
    const registry = defaultRegistry();
    const actor = { partner: 'self', keyId: null };
    let bankId = 0;
    const add = async (values: { type: string; value: string }[]) => {
      const added = await store.addSignals(bankId, values.map((v) => ({ ...v, label: 'perpetrator_content' as const, reason: 'test', distribution: 'local' as const })), actor);
      ids.push(...added.map((s) => s.id));
      return added.map((s) => s.id);
    };
    before(async () => {
      store = await dialect.open();
      await store.createPartner({ id: 'self', name: 'Self', kind: 'self' }, actor).catch(() => undefined);
      bankId = (await store.createBank({ name: 'links', description: 'test' }, actor)).id;
      index = new IndexService(registry, store, randomIds, fixedClock('2026-03-04T00:00:00.000Z'));
      await index.load();
    });
    after(async () => {
      await index.stop();
      await store.close();
    });

    test('a reader rebuilds the linker’s clusters from the written links without one index search, and a restarted linker searches only new signals', async () => {
      const base = '3c'.repeat(32);
      const other = 'c3'.repeat(32);
      // A chain a–a2–a3 (a3 is 48 bits from a: joined only through a2), a lone b, and an MD5.
      await add([
        { type: 'pdq', value: base },
        { type: 'pdq', value: flip(base, 24) },
        { type: 'pdq', value: other },
        { type: 'md5', value: 'ab'.repeat(16) },
      ]);
      const linkStore = new KyselyClusterLinkStore(store.context);
      const leader = counted(index);
      const linker = new SignalClusters(store.db, registry, leader.index, undefined, { links: linkStore, mayLink: () => true });
      assert.equal(await linker.catchUp(), 4);
      assert.equal(leader.seen.searches, 4);
      assert.equal(await linkStore.linkedThrough(), ids[3]);

      const [a3] = await add([{ type: 'pdq', value: flip(base, 48) }]);
      assert.equal(await linker.catchUp(), 1);
      assert.equal(leader.seen.searches, 5, 'one search per new signal');
      assert.equal(linker.rootOf(a3!), linker.rootOf(ids[0]!));

      const reader = new SignalClusters(store.db, registry, counted(index, true).index, undefined, { links: linkStore, mayLink: () => false });
      assert.equal(await reader.catchUp(), 5);
      assert.deepEqual(partition(reader, ids), partition(linker, ids));
      assert.equal(reader.info(ids[1]!)!.id, linker.info(ids[1]!)!.id);
      assert.equal(reader.info(ids[0]!)!.size, 3);
      assert.notEqual(reader.rootOf(ids[0]!), reader.rootOf(ids[2]!));

      // Signals the leader has not linked yet are not in a reader's view until it has.
      const [late] = await add([{ type: 'pdq', value: flip(other, 10) }]);
      await reader.catchUp();
      assert.equal(reader.rootOf(late!), undefined);
      await linker.catchUp();
      await reader.catchUp();
      assert.equal(reader.rootOf(late!), reader.rootOf(ids[2]!));

      // A restarted leader reads what it wrote and searches only the signal stored since.
      const [fresh] = await add([{ type: 'pdq', value: flip(base, 5) }]);
      const restarted = counted(index);
      const again = new SignalClusters(store.db, registry, restarted.index, undefined, { links: linkStore, mayLink: () => true });
      await again.catchUp();
      assert.equal(restarted.seen.searches, 1);
      assert.equal(again.rootOf(fresh!), again.rootOf(a3!));
      await linker.catchUp();
      assert.deepEqual(partition(again, ids), partition(linker, ids));
    });

    test('a failed write of links is retried at the next catch-up; nothing is lost for readers', async () => {
      const real = new KyselyClusterLinkStore(store.context);
      let fail = true;
      const flaky: ClusterLinkStore = {
        linkedThrough: () => real.linkedThrough(),
        linksIn: (a, b) => real.linksIn(a, b),
        record: async (links: readonly SignalLink[], through: number) => {
          if (fail) throw new Error('database went away');
          return real.record(links, through);
        },
      };
      const linker = new SignalClusters(store.db, registry, counted(index).index, undefined, { links: flaky, mayLink: () => true });
      await linker.catchUp().catch(() => undefined); // absorbs what is written, links nothing new
      const base = '5a'.repeat(32);
      const [x, y] = await add([
        { type: 'pdq', value: base },
        { type: 'pdq', value: flip(base, 12) },
      ]);
      await assert.rejects(linker.catchUp(), /went away/);
      assert.ok((await real.linkedThrough()) < y!, 'the mark did not move past unwritten links');
      fail = false;
      await linker.catchUp();
      assert.equal(await real.linkedThrough(), y);
      const reader = new SignalClusters(store.db, registry, counted(index, true).index, undefined, { links: real, mayLink: () => false });
      await reader.catchUp();
      assert.equal(reader.rootOf(x!), reader.rootOf(y!));
    });
  });
}
