import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';
import { openPostgresStore } from '../store/postgres/postgres-database.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import { coordinationReconcileCases } from './report-reconcile-coordination.case.js';
import { reportReconcileCases } from './report-reconcile.case.js';

reportReconcileCases('sqlite', (options) => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-report-')), 'concord.db'), options), 25);
coordinationReconcileCases('sqlite', (options) => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-report-')), 'concord.db'), options), 25);

let server: PostgresServer;
let n = 0;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());
reportReconcileCases('postgres', async (options) => openPostgresStore(await server.createDatabase(`report${++n}`), options), 10);
coordinationReconcileCases('postgres', async (options) => openPostgresStore(await server.createDatabase(`report${++n}`), options), 10);
