import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { KyselyStore } from '../../store/kysely-store.js';
import { openPostgresStore } from '../../store/postgres/postgres-database.js';
import { PostgresAdvisoryLease } from '../../store/postgres/postgres-lease.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-database.js';
import { readLease, RowLease } from '../../store/store-lease.js';
import { PostgresServer } from '../../testing/postgres-server.js';
import { fixedClock, type ManualClock } from '../../util/clock.js';
import { LeaderElection } from './leader-election.js';
import { LeaderJobs } from './leader-jobs.js';
import type { LeaderLease } from './leader-lease.js';

const TTL = 5000;
const A = { holder: 'proc-a', pid: 101 };
const B = { holder: 'proc-b', pid: 102 };

let server: PostgresServer;
let databases = 0;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<{ store: KyselyStore; lease: (clock: ManualClock) => LeaderLease }>;
  /** What a kill -9 of the holder looks like to the others: SQLite, renewals stop and time passes; PostgreSQL, its session ends. */
  die(lease: LeaderLease, clock: ManualClock): Promise<void>;
}

const DIALECTS: Dialect[] = [
  {
    name: 'sqlite',
    async open() {
      const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-lease-')), 'concord.db'));
      return { store, lease: (clock) => new RowLease(store.db, clock) };
    },
    async die(_lease, clock) {
      clock.advance(TTL);
    },
  },
  {
    name: 'postgres',
    async open() {
      const url = await server.createDatabase(`lease${++databases}`);
      const store = await openPostgresStore(url);
      return { store, lease: (clock) => new PostgresAdvisoryLease(url, store.db, clock) };
    },
    async die(lease) {
      await lease.close();
    },
  },
];

/** Jobs that record when they run, so a test sees who leads. */
function recordingJobs(log: string[], who: string): LeaderJobs {
  const jobs = new LeaderJobs();
  void jobs.register({ name: 'probe', start: () => void log.push(`${who} start`), stop: async () => void log.push(`${who} stop`) });
  return jobs;
}

for (const dialect of DIALECTS) {
  describe(`sync leader lease on ${dialect.name}`, () => {
    test('one holder at a time: a second process is refused while the holder renews, and the row names the holder', async () => {
      const { store, lease } = await dialect.open();
      const clock = fixedClock();
      const [a, b] = [lease(clock), lease(clock)];
      try {
        assert.equal(await a.tryAcquire(A, TTL), true);
        assert.equal(await b.tryAcquire(B, TTL), false);
        clock.advance(TTL - 1000);
        assert.equal(await a.tryAcquire(A, TTL), true, 'renewal');
        clock.advance(TTL - 1000);
        assert.equal(await b.tryAcquire(B, TTL), false, 'the renewal moved the expiry on');
        const row = await readLease(store.db);
        assert.equal(row?.holder, A.holder);
        assert.equal(row?.pid, A.pid);
        assert.ok(row!.expiresAt > clock.now());
      } finally {
        await a.close();
        await b.close();
        await store.close();
      }
    });

    test('a holder that dies is replaced on the next attempt after its lease is gone, and cannot renew afterwards', async () => {
      const { store, lease } = await dialect.open();
      const clock = fixedClock();
      const [a, b] = [lease(clock), lease(clock)];
      try {
        assert.equal(await a.tryAcquire(A, TTL), true);
        await dialect.die(a, clock);
        assert.equal(await b.tryAcquire(B, TTL), true);
        assert.equal((await readLease(store.db))?.holder, B.holder);
        assert.equal(await a.tryAcquire(A, TTL), false, 'the old holder, back, finds the lease taken');
      } finally {
        await a.close();
        await b.close();
        await store.close();
      }
    });

    test('release on clean shutdown hands the lease over at once, without waiting for the expiry', async () => {
      const { store, lease } = await dialect.open();
      const clock = fixedClock();
      const [a, b] = [lease(clock), lease(clock)];
      try {
        assert.equal(await a.tryAcquire(A, TTL), true);
        await a.release(A.holder);
        assert.equal(await b.tryAcquire(B, TTL), true);
      } finally {
        await a.close();
        await b.close();
        await store.close();
      }
    });

    test('elections: the leader runs the jobs; when it dies the other process starts them, and the old leader stops its own', async () => {
      const { store, lease } = await dialect.open();
      const clock = fixedClock();
      const log: string[] = [];
      const leaseA = lease(clock);
      const one = new LeaderElection(leaseA, recordingJobs(log, 'one'), clock, { ttlMs: TTL, intervalMs: 1000 });
      const two = new LeaderElection(lease(clock), recordingJobs(log, 'two'), clock, { ttlMs: TTL, intervalMs: 1000 });
      try {
        await one.tick();
        await two.tick();
        assert.deepEqual([one.isLeader, two.isLeader], [true, false]);
        assert.deepEqual(log, ['one start']);
        await dialect.die(leaseA, clock);
        await two.tick();
        assert.equal(two.isLeader, true);
        await one.tick();
        assert.equal(one.isLeader, false);
        assert.deepEqual(log, ['one start', 'two start', 'one stop']);
      } finally {
        await one.stop();
        await two.stop();
        await store.close();
      }
    });
  });
}

describe('sync leader election when the database stops answering (SQLite)', () => {
  test('the leader keeps its jobs until the lease it last wrote expires, then stops them', async () => {
    const { store, lease } = await DIALECTS[0]!.open();
    const clock = fixedClock();
    const log: string[] = [];
    const election = new LeaderElection(lease(clock), recordingJobs(log, 'one'), clock, { ttlMs: TTL, intervalMs: 1000 });
    await election.tick();
    assert.equal(election.isLeader, true);
    await store.close(); // every query now fails
    clock.advance(TTL - 1);
    await election.tick();
    assert.equal(election.isLeader, true, 'still within the lease it wrote');
    clock.advance(1);
    await election.tick();
    assert.equal(election.isLeader, false);
    assert.deepEqual(log, ['one start', 'one stop']);
    await election.stop();
  });
});
