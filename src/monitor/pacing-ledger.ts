import { sql } from 'kysely';
import type { KyselyContext } from '../store/kysely/kysely-context.js';
import type { PacingLedger } from './host-pacer.js';
import './monitor-tables.js';

/**
 * The per-host turns in the store (table monitor_host_pacing), so that every process of a
 * node that fetches (the leader's rounds, POST /v1/sources/{id}/check in whichever process
 * answers it, `concord source check`) waits its turn behind the others. One UPDATE books a
 * turn: atomic on SQLite and PostgreSQL alike, without a lock held while waiting.
 */
export class StorePacingLedger implements PacingLedger {
  constructor(private readonly ctx: KyselyContext) {}

  async claim(host: string, now: number, intervalMs: number): Promise<number> {
    return this.ctx.run(async () => {
      await this.ctx.db.insertInto('monitor_host_pacing').values({ host, next_at: 0 }).onConflict((oc) => oc.column('host').doNothing()).execute();
      const row = await this.ctx.db
        .updateTable('monitor_host_pacing')
        .set({ next_at: sql<number>`case when next_at > ${now} then next_at + ${intervalMs} else ${now + intervalMs} end` })
        .where('host', '=', host)
        .returning('next_at')
        .executeTakeFirstOrThrow();
      return Number(row.next_at) - intervalMs;
    });
  }
}
