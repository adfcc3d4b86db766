import { after, before, describe } from 'node:test';
import { PostgresServer } from '../testing/postgres-server.js';

/**
 * Runs a suite on SQLite and, where PostgreSQL is installed, on a fresh PostgreSQL database:
 * `suite(overrides)` gets the node configuration to add (`{}` or `{ db: url }`).
 */
export function forEachDialect(name: string, suite: (overrides: () => Record<string, unknown>) => void): void {
  describe(`${name} on SQLite`, () => suite(() => ({})));
  if (!PostgresServer.binDir()) return;
  describe(`${name} on PostgreSQL`, () => {
    let pg: PostgresServer | undefined;
    let url = '';
    before(async () => {
      pg = await PostgresServer.start();
      url = await pg.createDatabase(`ew_${Math.random().toString(36).slice(2, 10)}`);
    });
    after(async () => pg?.stop());
    suite(() => ({ db: url }));
  });
}
