import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database-schema.js';
import { KyselyStore, type StoreOptions } from '../kysely-store.js';

/**
 * The embedded default: one SQLite file in WAL mode. synchronous=FULL makes every
 * acknowledged commit survive a process kill and a power cut alike.
 */
export async function openSqliteStore(file: string, options: StoreOptions = {}): Promise<KyselyStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return KyselyStore.open(db, 'sqlite', options);
}
