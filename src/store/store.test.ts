import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';
import { openPostgresStore } from './postgres/postgres-database.js';
import { openSqliteStore } from './sqlite/sqlite-database.js';
import { storeContract } from './store-contract.case.js';
import { storeFederationContract } from './store-federation.case.js';
import { storeClockContract } from './store-clock.case.js';

let server: PostgresServer;
before(async () => {
  server = await PostgresServer.start();
});
after(async () => server.stop());

storeContract('sqlite', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-store-')), 'concord.db')));
storeContract('postgres', async () => openPostgresStore(await server.createDatabase('contract')));
storeFederationContract('sqlite', () => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-store-')), 'concord.db')));
storeFederationContract('postgres', async () => openPostgresStore(await server.createDatabase('federation')));
storeClockContract('sqlite', (options) => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-store-')), 'concord.db'), options));
storeClockContract('postgres', async (options) => openPostgresStore(await server.createDatabase('clock'), options));
