import type { SignalStatus } from '../../domain/signal-record.js';
import type { ChangeLogPort } from '../store-ports.js';
import type { IndexRow } from '../store.js';
import type { KyselyContext } from './kysely-context.js';

/** The signals table read for indexes, and the signal_changes log that keeps them current. */
export class KyselyChangeLog implements ChangeLogPort {
  constructor(private readonly ctx: KyselyContext) {}

  scanIndexRows(afterId: number, limit: number): Promise<IndexRow[]> {
    return this.ctx.run(async () => {
      const rows = await this.ctx.db.selectFrom('signals').select(['id', 'type', 'value', 'status']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: Number(r.id), type: r.type, value: r.value, status: r.status as SignalStatus }));
    });
  }

  changesAfter(seq: number, limit: number): Promise<{ lastSeq: number; rows: IndexRow[] }> {
    return this.ctx.run(async () => {
      const changes = await this.ctx.db.selectFrom('signal_changes').select(['seq', 'signal_id']).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
      if (changes.length === 0) return { lastSeq: seq, rows: [] };
      const ids = [...new Set(changes.map((c) => Number(c.signal_id)))];
      const rows = await this.ctx.db.selectFrom('signals').select(['id', 'type', 'value', 'status']).where('id', 'in', ids).execute();
      return {
        lastSeq: Number(changes[changes.length - 1]!.seq),
        rows: rows.map((r) => ({ id: Number(r.id), type: r.type, value: r.value, status: r.status as SignalStatus })),
      };
    });
  }

  latestChangeSeq(): Promise<number> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('signal_changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      return Number(row?.seq ?? 0);
    });
  }
}
