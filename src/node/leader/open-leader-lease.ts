import { isPostgresUrl, type NodeConfig } from '../../config/node-config.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { PostgresAdvisoryLease } from '../../store/postgres/postgres-lease.js';
import { RowLease } from '../../store/store-lease.js';
import type { Clock } from '../../util/clock.js';
import type { LeaderLease } from './leader-lease.js';

/** The sync leader's lease for the node's database: an advisory lock on PostgreSQL, a row with an expiry on SQLite. */
export function openLeaderLease(config: NodeConfig, store: KyselyStore, clock: Clock): LeaderLease {
  return isPostgresUrl(config.db) ? new PostgresAdvisoryLease(config.db, store.db, clock) : new RowLease(store.db, clock);
}
