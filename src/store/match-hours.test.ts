import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { PostgresServer } from '../testing/postgres-server.js';
import { matchHour } from './match-hours.js';
import { migrationProvider, type DialectName } from './migrations.js';
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

  let server: PostgresServer;
  before(async () => {
    server = await PostgresServer.start();
  });
  after(async () => server.stop());
  test("PostgreSQL, through the store's port: the same hours", async () => {
    const store = await openPostgresStore(await server.createDatabase('hours'));
    const [a, b] = await twoSignals(store);
    for (const [counts, at] of FLUSHES(a, b)) await store.recordMatches(counts, at);
    assert.deepEqual(await hoursOf(store), EXPECTED(a, b));
    await store.close();
  });

  /**
   * Migration 0016 re-keys match_hours by (hour, signal): the hours counted before it are
   * kept, and later flushes add to them. The database is taken to 0014 by the real
   * migrations, given hours the old way, then opened as a node opens it.
   */
  async function rekeyed(dialect: DialectName, db: Kysely<any>, reopen: () => Promise<KyselyStore>): Promise<void> {
    const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateTo('0014-monitor-pacing');
    assert.equal(error, undefined);
    await db.insertInto('match_hours').values([
      { signal_id: 1, hour: '2026-12-05T13:00:00.000Z', matches: 4 },
      { signal_id: 2, hour: '2026-12-05T13:00:00.000Z', matches: 1 },
      { signal_id: 1, hour: '2026-12-05T12:00:00.000Z', matches: 7 },
    ]).execute();
    await db.destroy();
    const store = await reopen();
    const [a, b] = await twoSignals(store);
    assert.deepEqual([a, b], [1, 2]);
    assert.deepEqual(await hoursOf(store), [[a, '2026-12-05T12:00:00.000Z', 7], [a, '2026-12-05T13:00:00.000Z', 4], [b, '2026-12-05T13:00:00.000Z', 1]]);
    await store.recordMatches(new Map([[a, 2], [b, 3]]), '2026-12-05T13:30:00.000Z');
    assert.deepEqual(await hoursOf(store), [[a, '2026-12-05T12:00:00.000Z', 7], [a, '2026-12-05T13:00:00.000Z', 6], [b, '2026-12-05T13:00:00.000Z', 4]]);
    await store.close();
  }

  test('SQLite: migration 0016 keeps the hours counted before it, and flushes add to them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concord-hours-')), 'concord.db');
    await rekeyed('sqlite', new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(file) }) }), () => openSqliteStore(file));
  });

  test('PostgreSQL: migration 0016 keeps the hours counted before it, and flushes add to them', async () => {
    const url = await server.createDatabase('hours_rekeyed');
    await rekeyed('postgres', new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) }), () => openPostgresStore(url));
  });
});
