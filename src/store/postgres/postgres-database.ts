import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.js';
import { KyselyStore } from '../kysely-store.js';

/**
 * PostgreSQL, for nodes that outgrow one machine: several `concord serve` processes
 * share one database. The pool retries connections by itself once the server is back.
 */
export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 3000 });
  // An idle client whose server went away emits 'error'; without a listener that would crash the node.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return KyselyStore.open(db, 'postgres');
}
