import type { Role } from '../../domain/roles.js';
import { ConcordError } from '../../errors/concord-error.js';
import { appendAudit } from '../store-audit.js';
import type { PartnerKeyPort } from '../store-ports.js';
import { toApiKey, toPartner } from '../store-rows.js';
import type { Actor, ApiKeyRecord, PartnerRecord } from '../store.js';
import type { KyselyContext } from './kysely-context.js';

/** Partners in the partners table, API keys (by hash) in api_keys. */
export class KyselyPartnerKeys implements PartnerKeyPort {
  constructor(private readonly ctx: KyselyContext) {}

  createPartner(input: Parameters<PartnerKeyPort['createPartner']>[0], actor: Actor): Promise<PartnerRecord> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const row = {
        id: input.id,
        name: input.name,
        kind: input.kind,
        url: input.url ?? null,
        public_key: input.publicKey ?? null,
        sharing_groups: (input.sharingGroups ?? []).join(','),
        created_at: at,
      };
      await trx.insertInto('partners').values(row).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'partner.created', subjectType: 'partner', subjectId: input.id, details: { name: input.name, kind: input.kind, url: row.url, publicKey: row.public_key, sharingGroups: input.sharingGroups ?? [] } }]);
      return toPartner(row);
    });
  }

  updatePartner(id: string, patch: { url?: string | null; publicKey?: string | null; sharingGroups?: readonly string[] }, actor: Actor): Promise<PartnerRecord> {
    return this.ctx.tx(async (trx) => {
      const before = await trx.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new ConcordError('NOT_FOUND', `no partner with id ${id}`);
      const set = {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.publicKey !== undefined ? { public_key: patch.publicKey } : {}),
        ...(patch.sharingGroups !== undefined ? { sharing_groups: patch.sharingGroups.join(',') } : {}),
      };
      if (Object.keys(set).length > 0) await trx.updateTable('partners').set(set).where('id', '=', id).execute();
      await appendAudit(trx, this.ctx.dialect, actor, this.ctx.now(), [{ action: 'partner.updated', subjectType: 'partner', subjectId: id, details: { before: { url: before.url, publicKey: before.public_key, sharingGroups: before.sharing_groups }, after: patch } }]);
      return toPartner({ ...before, ...set });
    });
  }

  getPartner(id: string): Promise<PartnerRecord | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPartner(row);
    });
  }

  listPartners(): Promise<PartnerRecord[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('partners').selectAll().orderBy('created_at').execute()).map(toPartner));
  }

  createApiKey(input: { id: string; partnerId: string; keyHash: string; roles: readonly Role[]; purpose: string; expiresAt?: string | null }, actor: Actor): Promise<ApiKeyRecord> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const partner = await trx.selectFrom('partners').select('id').where('id', '=', input.partnerId).executeTakeFirst();
      if (!partner) throw new ConcordError('NOT_FOUND', `no partner with id ${input.partnerId}`);
      const row = { id: input.id, partner_id: input.partnerId, key_hash: input.keyHash, roles: input.roles.join(','), purpose: input.purpose, created_at: at, revoked_at: null, expires_at: input.expiresAt ?? null };
      await trx.insertInto('api_keys').values(row).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'key.created', subjectType: 'key', subjectId: input.id, details: { partner: input.partnerId, roles: [...input.roles], purpose: input.purpose, ...(row.expires_at ? { expiresAt: row.expires_at } : {}) } }]);
      return toApiKey(row);
    });
  }

  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    return this.ctx.run(async () => {
      const row = await this.ctx.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
      return row && toApiKey(row);
    });
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(toApiKey));
  }
  revokeApiKey(id: string, actor: Actor): Promise<ApiKeyRecord> {
    return this.ctx.tx(async (trx) => {
      const at = this.ctx.now();
      const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new ConcordError('NOT_FOUND', `no API key with id ${id}`);
      if (row.revoked_at) throw new ConcordError('CONFLICT', `API key ${id} was already revoked at ${row.revoked_at}`);
      await trx.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
      await appendAudit(trx, this.ctx.dialect, actor, at, [{ action: 'key.revoked', subjectType: 'key', subjectId: id, details: {} }]);
      return toApiKey({ ...row, revoked_at: at });
    });
  }
}
