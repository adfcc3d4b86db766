import type { Kysely } from 'kysely';
import type { Database } from '../store/database-schema.js';
import type { DialectName } from '../store/migrations.js';
import { mapStoreError } from '../store/store-errors.js';

/**
 * Runs a report's reads in one transaction, so every section counts the same state even
 * while the node keeps writing: PostgreSQL at REPEATABLE READ (one snapshot), SQLite in
 * a deferred transaction (WAL: one snapshot from the first read, writers not blocked by
 * it). Database failures come out coded (STORE_UNAVAILABLE), as from the store's ports.
 *
 * @example
 *   const report = await inReportSnapshot(store, (db) => transparencyReport({ db, viewer }, period, meta));
 */
export async function inReportSnapshot<T>(store: { readonly db: Kysely<Database>; readonly dialect: DialectName }, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    const tx = store.db.transaction();
    return await (store.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute((trx) => fn(trx));
  } catch (err) {
    throw mapStoreError(err);
  }
}
