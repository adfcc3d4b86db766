import { isPostgresUrl, sqliteFile, type NodeConfig } from '../config/node-config.js';
import { openPostgresStore } from '../store/postgres/postgres-database.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import type { KyselyStore, StoreOptions } from '../store/kysely-store.js';

/** SQLite in the data folder by default; PostgreSQL when the db setting is a postgres:// URL. */
export function openStore(config: NodeConfig, options: StoreOptions = {}): Promise<KyselyStore> {
  return isPostgresUrl(config.db) ? openPostgresStore(config.db, options) : openSqliteStore(sqliteFile(config), options);
}
