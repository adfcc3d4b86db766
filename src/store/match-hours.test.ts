import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';
import { matchHour } from './match-hours.js';
import type { KyselyStore } from './kysely-store.js';
import { openPostgresStore } from './postgres/postgres-database.js';
import { openSqliteStore } from './sqlite/sqlite-database.js';
import { SqliteMatchCountWriter } from './sqlite/sqlite-match-count-writer.js';
import type { Actor } from './store.js';

const SELF: Actor = { partner: 'p-self', keyId: null };

test('a match time falls in its UTC hour', () => {
  assert.equal(matchHour('2026-12-05T13:42:07.120Z'), '2026-12-05T13:00:00.000Z');
  assert.equal(matchHour('2026-12-05T13:00:00.000Z'), '2026-12-05T13:00:00.000Z');
  assert.equal(matchHour('1969-12-31T23:59:59.999Z'), '1969-12-31T23:00:00.000Z');
});

/** Both ways match counts are written (the store's port, and SQLite's writer thread) keep the same hours. */
async function hoursOf(store: KyselyStore) {
  return (await store.db.selectFrom('match_hours').selectAll().orderBy('signal_id').orderBy('hour').execute()).map((r) => [Number(r.signal_id), r.hour, Number(r.matches)]);
}

async function twoSignals(store: KyselyStore): Promise<[number, number]> {
  await store.createPartner({ id: 'p-self', name: 'Self', kind: 'self' }, SELF);
  const bank = await store.createBank({ name: 'b', description: '' }, SELF);
  const [a, b] = await store.addSignals(bank.id, [1, 2].map((n) => ({ type: 'md5', value: String(n).repeat(32), label: 'perpetrator_content' as const, reason: 'r', distribution: 'local' as const })), SELF);
  return [a!.id, b!.id];
}

const FLUSHES = (a: number, b: number): [Map<number, number>, string][] => [
  [new Map([[a, 3], [b, 1]]), '2026-12-05T13:10:00.000Z'],
  [new Map([[a, 2]]), '2026-12-05T13:59:59.999Z'],
  [new Map([[a, 1]]), '2026-12-05T14:00:00.000Z'],
];
const EXPECTED = (a: number, b: number) => [
  [a, '2026-12-05T13:00:00.000Z', 5],
  [a, '2026-12-05T14:00:00.000Z', 1],
  [b, '2026-12-05T13:00:00.000Z', 1],
];

describe('match counts by hour', () => {
  test('SQLite, through the writer thread: flushes of one hour add up, the next hour starts anew', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concord-hours-')), 'concord.db');
    const store = await openSqliteStore(file);
    const [a, b] = await twoSignals(store);
    const writer = new SqliteMatchCountWriter(file);
    for (const [counts, at] of FLUSHES(a, b)) await writer.recordMatches(counts, at);
    await writer.close();
    assert.deepEqual(await hoursOf(store), EXPECTED(a, b));
    assert.equal((await store.getSignal(a))!.matchCount, 6);
    await store.close();
  });

  let pg: PostgresServer;
  before(async () => {
    pg = await PostgresServer.start();
  });
  after(async () => pg.stop());
  test("PostgreSQL, through the store's port: the same hours", async () => {
    const store = await openPostgresStore(await pg.createDatabase('hours'));
    const [a, b] = await twoSignals(store);
    for (const [counts, at] of FLUSHES(a, b)) await store.recordMatches(counts, at);
    assert.deepEqual(await hoursOf(store), EXPECTED(a, b));
    await store.close();
  });
});
