import { ConcordError } from '../../errors/concord-error.js';
import type { BankRecord } from '../../domain/signal-record.js';
import { appendAudit } from '../store-audit.js';
import type { BankPort } from '../store-ports.js';
import { toBank } from '../store-rows.js';
import type { Actor } from '../store.js';
import type { KyselyContext } from './kysely-context.js';

/** Banks in the banks table; names are unique. */
export class KyselyBanks implements BankPort {
  constructor(private readonly ctx: KyselyContext) {}

  createBank(input: { name: string; description: string }, actor: Actor): Promise<BankRecord> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const taken = await trx.selectFrom('banks').select('id').where('name', '=', input.name).executeTakeFirst();
      if (taken) throw new ConcordError('CONFLICT', `a bank named "${input.name}" exists already (id ${taken.id})`);
      const row = await trx
        .insertInto('banks')
        .values({ name: input.name, description: input.description, owner: actor.partner, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'bank.created', subjectType: 'bank', subjectId: Number(row.id), details: { name: input.name, description: input.description } }]);
      return toBank(row);
    });
  }

  getBank(id: number): Promise<BankRecord | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('banks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toBank(row);
    });
  }

  listBanks(): Promise<BankRecord[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('banks').selectAll().orderBy('id').execute()).map(toBank));
  }

  updateBank(id: number, patch: { name?: string; description?: string }, actor: Actor): Promise<BankRecord> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const before = await trx.selectFrom('banks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new ConcordError('NOT_FOUND', `no bank with id ${id}`);
      if (patch.name !== undefined && patch.name !== before.name) {
        const taken = await trx.selectFrom('banks').select('id').where('name', '=', patch.name).executeTakeFirst();
        if (taken) throw new ConcordError('CONFLICT', `a bank named "${patch.name}" exists already (id ${taken.id})`);
      }
      const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}), updated_at: at };
      await trx.updateTable('banks').set(set).where('id', '=', id).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'bank.updated', subjectType: 'bank', subjectId: id, details: { before: { name: before.name, description: before.description }, after: patch } }]);
      return toBank({ ...before, ...set });
    });
  }
}
