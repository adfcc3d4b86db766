import { sql, type Kysely } from 'kysely';
import type { Clock } from '../util/clock.js';
import type { LeaderLease, LeaseHolder } from '../node/leader/leader-lease.js';
import type { Database } from './database-schema.js';
import { mapStoreError } from './store-errors.js';

/** The lease table (migration 0005-sync-lease): one row per lease, by its key (`sync`). Times in ms since the epoch. */
export type LeaseTable = {
  sync_lease: {
    lease: string;
    holder: string;
    pid: number;
    acquired_at: number;
    renewed_at: number;
    expires_at: number;
  };
};

type LeaseDb = Kysely<Database & LeaseTable>;
const withLease = (db: Kysely<Database>): LeaseDb => db.withTables<LeaseTable>();

export const SYNC_LEASE = 'sync';

/** The recorded holder of a lease, expired or not; undefined when no process ever held it. */
export async function readLease(db: Kysely<Database>, name = SYNC_LEASE): Promise<LeaseHolder | undefined> {
  try {
    const row = await withLease(db).selectFrom('sync_lease').selectAll().where('lease', '=', name).executeTakeFirst();
    return row && { holder: row.holder, pid: Number(row.pid), acquiredAt: Number(row.acquired_at), renewedAt: Number(row.renewed_at), expiresAt: Number(row.expires_at) };
  } catch (err) {
    throw mapStoreError(err);
  }
}

/**
 * Compare-and-set on the lease row, in one statement: the row is written only when it is
 * missing, expired, or already ours, so two processes racing for an expired lease cannot
 * both win. Returns whether `self` holds the lease afterwards.
 */
export async function claimLeaseRow(db: Kysely<Database>, name: string, self: { holder: string; pid: number }, now: number, ttlMs: number, force = false): Promise<boolean> {
  try {
    return await withLease(db).transaction().execute(async (trx) => {
      const expires = now + ttlMs;
      await sql`insert into sync_lease (lease, holder, pid, acquired_at, renewed_at, expires_at)
        values (${name}, ${self.holder}, ${self.pid}, ${now}, ${now}, ${expires})
        on conflict (lease) do update set
          acquired_at = case when sync_lease.holder = excluded.holder then sync_lease.acquired_at else excluded.acquired_at end,
          holder = excluded.holder, pid = excluded.pid, renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
        where ${force ? sql`true` : sql`sync_lease.holder = excluded.holder or sync_lease.expires_at <= ${now}`}`.execute(trx);
      const row = await trx.selectFrom('sync_lease').select(['holder']).where('lease', '=', name).executeTakeFirst();
      return row?.holder === self.holder;
    });
  } catch (err) {
    throw mapStoreError(err);
  }
}

/** Marks the lease expired if `holder` still holds it, so the next process to try takes it at once. */
export async function releaseLeaseRow(db: Kysely<Database>, name: string, holder: string, now: number): Promise<void> {
  try {
    await withLease(db).updateTable('sync_lease').set({ expires_at: now }).where('lease', '=', name).where('holder', '=', holder).execute();
  } catch (err) {
    throw mapStoreError(err);
  }
}

/**
 * The lease as a row with an expiry (SQLite, where processes share a file and no lock
 * outlives its process): the holder renews it well before it expires; a process that dies
 * stops renewing, and another takes the row over once the expiry has passed.
 */
export class RowLease implements LeaderLease {
  constructor(private readonly db: Kysely<Database>, private readonly clock: Clock, private readonly name = SYNC_LEASE) {}

  tryAcquire(self: { holder: string; pid: number }, ttlMs: number): Promise<boolean> {
    return claimLeaseRow(this.db, this.name, self, this.clock.now(), ttlMs);
  }

  release(holder: string): Promise<void> {
    return releaseLeaseRow(this.db, this.name, holder, this.clock.now());
  }

  async close(): Promise<void> {}
}
