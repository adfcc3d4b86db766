import { confirmationPolicy } from '../domain/four-eyes.js';
import { isPostgresUrl, sqliteFile, type NodeConfig } from '../config/node-config.js';
import { openPostgresStore } from '../store/postgres/postgres-database.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import type { KyselyStore, StoreOptions } from '../store/kysely-store.js';

/**
 * SQLite in the data folder by default; PostgreSQL when the db setting is a postgres:// URL.
 * The four-eyes policy comes from the configuration; clock and ids default to the system's.
 */
export function openStore(config: NodeConfig, ports: StoreOptions = {}): Promise<KyselyStore> {
  const options: StoreOptions = { confirmations: confirmationPolicy(config.confirmationsRequired), ...ports };
  return isPostgresUrl(config.db) ? openPostgresStore(config.db, options) : openSqliteStore(sqliteFile(config), options);
}
