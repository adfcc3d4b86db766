import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../util/clock.js';
import type { LeaderLease } from '../../node/leader/leader-lease.js';
import type { Database } from '../database-schema.js';
import { claimLeaseRow, releaseLeaseRow, SYNC_LEASE } from '../store-lease.js';

/** The advisory-lock key of the sync lease: an arbitrary constant every process of a node agrees on. */
const SYNC_LOCK_KEY = 7_400_001;

/**
 * The lease as a session-level advisory lock on a connection of its own (PostgreSQL): the
 * server frees the lock the moment the holder's session ends, so a process killed with
 * kill -9 is replaced on the next attempt of any other, with no expiry to wait out. The
 * holder also writes the lease row, only so `sync status` can say which process leads.
 */
export class PostgresAdvisoryLease implements LeaderLease {
  private client?: pg.Client;
  private locked = false;

  constructor(private readonly url: string, private readonly db: Kysely<Database>, private readonly clock: Clock, private readonly name = SYNC_LEASE) {}

  async tryAcquire(self: { holder: string; pid: number }, ttlMs: number): Promise<boolean> {
    try {
      const client = await this.connect();
      if (this.locked) await client.query('select 1'); // the lock lives as long as this session does
      else this.locked = (await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SYNC_LOCK_KEY])).rows[0]?.ok === true;
    } catch {
      await this.drop(); // the session is gone, and the lock with it
      return false;
    }
    if (this.locked) await claimLeaseRow(this.db, this.name, self, this.clock.now(), ttlMs, true).catch(() => undefined);
    return this.locked;
  }

  async release(holder: string): Promise<void> {
    if (this.locked) await this.client?.query('select pg_advisory_unlock($1)', [SYNC_LOCK_KEY]).catch(() => undefined);
    this.locked = false;
    await releaseLeaseRow(this.db, this.name, holder, this.clock.now()).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3000, query_timeout: 3000, keepAlive: true });
    // A server that goes away makes the client emit 'error'; the next query fails and drops it.
    // The query timeout bounds an attempt on a connection that died without a word, so the
    // election never waits on it longer than the lease lasts.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.locked = false;
    await client?.end().catch(() => undefined);
  }
}
