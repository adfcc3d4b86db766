/**
 * bench match-hours-cost: what the hourly match counts (match_hours) add to a match-count
 * flush, the one write the match path causes (MatchCounter flushes a second's counts in one
 * transaction: the signals' running totals, then the same counts by hour).
 *
 * One run, on SQLite and on PostgreSQL, times the same flushes three ways, interleaved so
 * machine load falls on all three alike:
 * - `totalsOnly`: the running totals alone (the flush before match_hours existed);
 * - `hoursByPk`: plus the hourly upsert into the table as 0013 created it (key signal, hour,
 *   an index on hour; on SQLite a rowid table beside its key);
 * - `hoursOneStatement` (PostgreSQL only): the same, as one statement over arrays (unnest)
 *   instead of chunks of 300 rows, as KyselyMatchCounts writes it on PostgreSQL;
 * - `hoursClustered`: plus the upsert into the table as 0016 keeps it (key hour, signal: the
 *   current hour's rows sit together; on SQLite WITHOUT ROWID, so the key is the table).
 *
 * The tables hold `days` of history first (one row per signal matched in an hour), because
 * the cost of finding a row depends on how many there are.
 *
 *   node dist/bench/match-hours-cost.js --signals 200000 --days 14 --per-hour 3000 --flush 2000 --rounds 30
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { matchHour } from '../src/store/match-hours.js';
import { openPostgresStore } from '../src/store/postgres/postgres-database.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-database.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { PostgresServer } from '../src/testing/postgres-server.js';
import { XorShift128 } from '../src/index/hash256-random.js';
import { quantile } from './quantile.js';

interface Options {
  signals: number;
  days: number;
  perHour: number;
  flush: number;
  rounds: number;
  dialects: string[];
}

function parseArgs(argv: readonly string[]): Options {
  const get = (name: string, d: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1]! : d;
  };
  return {
    signals: Number(get('signals', '200000')),
    days: Number(get('days', '14')),
    perHour: Number(get('per-hour', '3000')),
    flush: Number(get('flush', '2000')),
    rounds: Number(get('rounds', '30')),
    dialects: get('dialects', 'sqlite,postgres').split(','),
  };
}

const VARIANTS = ['totalsOnly', 'hoursByPk', 'hoursClustered'] as const;
type Variant = (typeof VARIANTS)[number];
const PG_VARIANTS = [...VARIANTS, 'hoursOneStatement'] as const;
type PgVariant = (typeof PG_VARIANTS)[number];
const TABLE: Record<Exclude<Variant, 'totalsOnly'>, string> = { hoursByPk: 'hours_by_pk', hoursClustered: 'hours_clustered' };

const HOUR = 3_600_000;
const CHUNK = 300;
const upsert = (table: string, rows: number, param: (i: number) => string) =>
  `insert into ${table} (signal_id, hour, matches) values ${Array.from({ length: rows }, (_, i) => `(${param(3 * i)}, ${param(3 * i + 1)}, ${param(3 * i + 2)})`).join(', ')} ` +
  `on conflict (${table === 'hours_clustered' ? 'hour, signal_id' : 'signal_id, hour'}) do update set matches = ${table}.matches + excluded.matches`;

/** A flush: `flush` signals drawn from the hour's hot set (most already have a row this hour), with counts 1–3. */
function flushOf(rng: XorShift128, o: Options, hot: readonly number[]): [number, number][] {
  const m = new Map<number, number>();
  while (m.size < o.flush) m.set(hot[rng.next() % hot.length]!, 1 + (rng.next() % 3));
  return [...m];
}

function history(rng: XorShift128, o: Options, now: number): { rows: [number, string, number][]; hot: number[] } {
  const rows: [number, string, number][] = [];
  for (let h = o.days * 24; h >= 1; h--) {
    const hour = matchHour(new Date(now - h * HOUR).toISOString());
    const ids = new Set<number>();
    while (ids.size < o.perHour) ids.add(1 + (rng.next() % o.signals));
    for (const id of ids) rows.push([id, hour, 1 + (rng.next() % 5)]);
  }
  const hot = new Set<number>();
  while (hot.size < Math.max(o.perHour, o.flush * 2)) hot.add(1 + (rng.next() % o.signals));
  return { rows, hot: [...hot] };
}

async function seedBank(store: KyselyStore): Promise<number> {
  const actor = { partner: 'bench', keyId: null };
  await store.createPartner({ id: 'bench', name: 'Bench partner', kind: 'partner' }, actor);
  return (await store.createBank({ name: 'bench', description: 'generated' }, actor)).id;
}

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50Ms: round(quantile(s, 0.5)), p90Ms: round(quantile(s, 0.9)), meanMs: round(s.reduce((a, b) => a + b, 0) / s.length) };
};
const round = (x: number) => Math.round(x * 100) / 100;

async function sqlite(o: Options): Promise<Record<string, unknown>> {
  const file = join(mkdtempSync(join(tmpdir(), 'concord-hours-bench-')), 'bench.db');
  const store = await openSqliteStore(file);
  const bank = await seedBank(store);
  await store.close();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const rng = new XorShift128(7);
  const at = new Date().toISOString();
  const now = Date.now();
  const insert = db.prepare(
    `insert into signals (bank_id, type, value, label, reason, contributor, distribution, status, match_count, created_at, updated_at)
     values (${bank}, 'md5', ?, 'perpetrator_content', 'generated for the benchmark', 'bench', 'local', 'active', 0, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < o.signals; i++) insert.run(`${i}`.padStart(32, '0'), at, at);
  })();
  db.exec(`create table hours_by_pk (signal_id integer not null, hour text not null, matches integer not null, constraint hours_by_pk_pk primary key (signal_id, hour));
           create index hours_by_pk_hour on hours_by_pk (hour);
           create table hours_clustered (hour text not null, signal_id integer not null, matches integer not null, constraint hours_clustered_pk primary key (hour, signal_id)) without rowid;`);
  const { rows, hot } = history(rng, o, now);
  for (const table of Object.values(TABLE)) {
    const ins = db.prepare(`insert into ${table} (signal_id, hour, matches) values (?, ?, ?)`);
    db.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
  }
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sqlText: string) => statements.get(sqlText) ?? statements.set(sqlText, db.prepare(sqlText)).get(sqlText)!;
  const flushSql = (variant: Variant, entries: [number, number][], at: string) =>
    db.transaction(() => {
      const byCount = new Map<number, number[]>();
      for (const [id, n] of entries) byCount.set(n, [...(byCount.get(n) ?? []), id]);
      for (const [n, ids] of byCount) {
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          prepared(`update signals set match_count = match_count + ?, last_matched_at = ? where id in (${chunk.map(() => '?').join(',')})`).run(n, at, ...chunk);
        }
      }
      if (variant === 'totalsOnly') return;
      const hour = matchHour(at);
      for (let i = 0; i < entries.length; i += CHUNK) {
        const chunk = entries.slice(i, i + CHUNK);
        prepared(upsert(TABLE[variant], chunk.length, () => '?')).run(...chunk.flatMap(([id, n]) => [id, hour, n]));
      }
    })();
  const times: Record<Variant, number[]> = { totalsOnly: [], hoursByPk: [], hoursClustered: [] };
  for (let r = 0; r < o.rounds + 3; r++) {
    const entries = flushOf(rng, o, hot);
    const flushAt = new Date(now + r * 1000).toISOString();
    for (const v of r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
      const t0 = performance.now();
      flushSql(v, entries, flushAt);
      if (r >= 3) times[v].push(performance.now() - t0); // the first rounds warm the caches and prepare statements
    }
  }
  db.close();
  return { historyRows: rows.length, ...Object.fromEntries(VARIANTS.map((v) => [v, summary(times[v])])) };
}

async function postgres(o: Options): Promise<Record<string, unknown>> {
  const server = await PostgresServer.start();
  try {
    const url = await server.createDatabase('hours_bench');
    const store = await openPostgresStore(url);
    const bank = await seedBank(store);
    await store.close();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const rng = new XorShift128(7);
    const at = new Date().toISOString();
    const now = Date.now();
    await pool.query(
      `insert into signals (bank_id, type, value, label, reason, contributor, distribution, status, match_count, created_at, updated_at)
       select $1, 'md5', lpad(g::text, 32, '0'), 'perpetrator_content', 'generated for the benchmark', 'bench', 'local', 'active', 0, $2, $2 from generate_series(1, $3) g`,
      [bank, at, o.signals],
    );
    await pool.query(`create table hours_by_pk (signal_id integer not null, hour text not null, matches integer not null, constraint hours_by_pk_pk primary key (signal_id, hour));
                      create index hours_by_pk_hour on hours_by_pk (hour);
                      create table hours_clustered (hour text not null, signal_id integer not null, matches integer not null, constraint hours_clustered_pk primary key (hour, signal_id));`);
    const { rows, hot } = history(rng, o, now);
    for (const table of Object.values(TABLE)) {
      for (let i = 0; i < rows.length; i += 20_000) {
        const part = rows.slice(i, i + 20_000);
        await pool.query(`insert into ${table} (signal_id, hour, matches) select * from unnest($1::int[], $2::text[], $3::int[])`, [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2])]);
      }
    }
    await pool.query('vacuum analyze');
    const flush = async (variant: PgVariant, entries: [number, number][], at: string) => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const byCount = new Map<number, number[]>();
        for (const [id, n] of entries) byCount.set(n, [...(byCount.get(n) ?? []), id]);
        for (const [n, ids] of byCount) {
          for (let i = 0; i < ids.length; i += 500) {
            const chunk = ids.slice(i, i + 500);
            await c.query(`update signals set match_count = match_count + $1, last_matched_at = $2 where id in (${chunk.map((_, j) => `$${j + 3}`).join(',')})`, [n, at, ...chunk]);
          }
        }
        if (variant === 'hoursOneStatement') {
          await c.query(
            'insert into hours_clustered (hour, signal_id, matches) select $1, * from unnest($2::integer[], $3::integer[]) on conflict (hour, signal_id) do update set matches = hours_clustered.matches + excluded.matches',
            [matchHour(at), entries.map(([id]) => id), entries.map(([, n]) => n)],
          );
        } else if (variant !== 'totalsOnly') {
          const hour = matchHour(at);
          for (let i = 0; i < entries.length; i += CHUNK) {
            const chunk = entries.slice(i, i + CHUNK);
            await c.query(upsert(TABLE[variant as Variant & keyof typeof TABLE], chunk.length, (k) => `$${k + 1}`), chunk.flatMap(([id, n]) => [id, hour, n]));
          }
        }
        await c.query('commit');
      } finally {
        c.release();
      }
    };
    const times: Record<PgVariant, number[]> = { totalsOnly: [], hoursByPk: [], hoursClustered: [], hoursOneStatement: [] };
    for (let r = 0; r < o.rounds + 3; r++) {
      const entries = flushOf(rng, o, hot);
      const flushAt = new Date(now + r * 1000).toISOString();
      for (const v of r % 2 === 0 ? PG_VARIANTS : [...PG_VARIANTS].reverse()) {
        const t0 = performance.now();
        await flush(v, entries, flushAt);
        if (r >= 3) times[v].push(performance.now() - t0);
      }
    }
    await pool.end();
    return { historyRows: rows.length, ...Object.fromEntries(PG_VARIANTS.map((v) => [v, summary(times[v])])) };
  } finally {
    await server.stop();
  }
}

const o = parseArgs(process.argv.slice(2));
const result: Record<string, unknown> = { bench: 'match-hours-cost', at: new Date().toISOString(), options: o };
if (o.dialects.includes('sqlite')) result.sqlite = await sqlite(o);
if (o.dialects.includes('postgres')) result.postgres = await postgres(o);
console.log(JSON.stringify(result, null, 2));
