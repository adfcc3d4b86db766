import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres/postgres-database.js';
import { openSqliteStore } from './sqlite/sqlite-database.js';
import type { Actor } from './store.js';

/** Signal pages and counts (store-signal-list.ts) on SQLite and PostgreSQL alike. */
const SELF: Actor = { partner: 'p-self', keyId: 'k-admin' };
const md5 = (n: number) => n.toString(16).padStart(32, '0');

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

for (const [name, open] of [
  ['sqlite', async () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-list-')), 'concord.db'))],
  ['postgres', async () => openPostgresStore(await server.createDatabase('signal_list'))],
] as const) {
  describe(`signal pages: ${name}`, () => {
    let store: KyselyStore;
    let banks: number[];
    before(async () => {
      store = await open();
      await store.createPartner({ id: 'p-self', name: 'Self node', kind: 'self' }, SELF);
      banks = [(await store.createBank({ name: 'a', description: '' }, SELF)).id, (await store.createBank({ name: 'b', description: '' }, SELF)).id];
      for (const [i, bank] of banks.entries()) {
        await store.addSignals(bank, Array.from({ length: 10 }, (_, n) => ({ type: 'md5', value: md5(i * 100 + n), label: n % 2 ? 'perpetrator_content' : 'perpetrator_manifesto', reason: 'listed', distribution: 'local' as const })), SELF);
      }
    });
    after(async () => store.close());

    test('pages of one bank, by type and label, newest first, continue from `before`', async () => {
      const first = await store.listSignalPage({ bankId: banks[1]!, type: 'md5', label: 'perpetrator_content', limit: 3 });
      assert.equal(first.length, 3);
      assert.ok(first.every((s) => s.bankId === banks[1] && s.label === 'perpetrator_content'));
      const rest = await store.listSignalPage({ bankId: banks[1]!, type: 'md5', label: 'perpetrator_content', before: first[2]!.id, limit: 10 });
      assert.equal(rest.length, 2);
      const ids = [...first, ...rest].map((s) => s.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
      assert.equal((await store.listSignalPage({ value: md5(3), type: 'md5', limit: 5 })).length, 1);
    });

    test('counts per label and type leave retracted signals out', async () => {
      const [one] = await store.listSignalPage({ bankId: banks[0]!, limit: 1 });
      await store.retractSignal(one!.id, 'wrong', SELF);
      const counts = await store.signalCounts(undefined);
      assert.deepEqual(counts.byType, [{ key: 'md5', signals: 19, matches: 0 }]);
      assert.equal(counts.byLabel.reduce((n, t) => n + t.signals, 0), 19);
    });
  });
}
