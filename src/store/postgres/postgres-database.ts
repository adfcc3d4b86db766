import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.js';
import { KyselyStore, type StoreOptions } from '../kysely-store.js';

/**
 * PostgreSQL, for nodes that outgrow one machine: several `concord serve` processes
 * share one database. The pool retries connections by itself once the server is back.
 */
export async function openPostgresStore(url: string, options: { poolSize?: number } & StoreOptions = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 3000 });
  // A client whose server went away emits 'error', idle in the pool or checked out between
  // two statements of a transaction; without a listener either would crash the node. The
  // failing query itself still rejects, and becomes STORE_UNAVAILABLE.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return KyselyStore.open(db, 'postgres', { clock: options.clock, ids: options.ids, confirmations: options.confirmations });
}
