import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { KyselyStore } from '../store/kysely-store.js';
import { openPostgresStore } from '../store/postgres/postgres-database.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { fixedClock } from '../util/clock.js';
import { HostPacer } from './host-pacer.js';
import { StorePacingLedger } from './pacing-ledger.js';

/**
 * Two stores opened on one database stand for two processes of a node (the leader's
 * rounds and a `concord source check`): each takes its turn in the shared ledger.
 */
const DIALECTS: [string, () => Promise<() => Promise<KyselyStore>>, boolean][] = [
  [
    'SQLite',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'concord-pacing-')), 'concord.db');
      return () => openSqliteStore(file);
    },
    true,
  ],
  [
    'PostgreSQL',
    async () => {
      const server = await PostgresServer.start();
      servers.push(server);
      const url = await server.createDatabase(`pacing_${Math.random().toString(36).slice(2, 10)}`);
      return () => openPostgresStore(url);
    },
    PostgresServer.binDir() !== undefined,
  ],
];
const servers: PostgresServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

for (const [name, database, available] of DIALECTS) {
  describe(`per-host pacing across a node's processes (${name})`, { skip: available ? false : 'PostgreSQL is not installed' }, () => {
    test('turns are one interval apart per host across two processes, also when they ask at once; other hosts do not wait', async () => {
      const open = await database();
      const [one, two] = [await open(), await open()];
      try {
        const clock = fixedClock(1_000_000);
        const waits: [string, number][] = [];
        const pacer = (who: string, store: KyselyStore) => new HostPacer(1000, clock, async (ms) => void waits.push([who, ms]), new StorePacingLedger(store.context));
        const [a, b] = [pacer('one', one), pacer('two', two)];
        await a.turn('site.example');
        await b.turn('site.example');
        assert.deepEqual(waits, [['two', 1000]], 'the second process waits for the first one\'s turn');
        await Promise.all([a.turn('site.example'), b.turn('site.example'), b.turn('other.example')]);
        assert.deepEqual(waits.slice(1).map(([, ms]) => ms).sort((x, y) => x - y), [2000, 3000], 'concurrent turns are spaced, not bunched; other.example goes at once');
        clock.advance(10_000);
        await b.turn('site.example');
        assert.equal(waits.length, 3, 'a host quiet for longer than the interval goes at once');
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });
}
