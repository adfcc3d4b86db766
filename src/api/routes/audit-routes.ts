import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import type { ApiDeps } from '../api-deps.js';
import { auditChainBroken } from '../../store/audit-chain-broken.js';
import { AuditEntryBody, errorResponses, Text } from '../api-schemas.js';

/** The hash-chained audit log, and its verification. */
export async function auditRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  r.get(
    '/v1/audit',
    {
      schema: {
        summary: 'List audit entries in order',
        description: "A partner organisation's key gets only entries about what it may see; a page may then hold fewer than `limit` entries, and `next` still walks the whole log.",
        tags: ['audit'],
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100), subjectType: Text.max(64).optional(), subjectId: Text.max(200).optional() }),
        response: { 200: z.object({ entries: z.array(AuditEntryBody), next: z.number().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const { entries, next } = await reads.audit(await reads.viewerOf(request), { afterSeq: q.after, limit: q.limit, subjectType: q.subjectType, subjectId: q.subjectId });
      return { entries: entries.map((e) => ({ ...e, details: { ...e.details } })), next };
    },
  );
  r.get(
    '/v1/audit/verify',
    {
      schema: {
        summary: 'Verify the audit chain',
        description: 'Answers `ok: false` with the first broken entry; with `strict=true` a chain that does not verify is the error `AUDIT_CHAIN_BROKEN` instead.',
        tags: ['audit'],
        querystring: z.object({ strict: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBroken: z.object({ seq: z.number(), problem: z.string() }).optional() }), ...errorResponses },
      },
    },
    async (request) => {
      const result = await deps.store.verifyAudit();
      if (!result.ok && request.query.strict === 'true') throw auditChainBroken(result);
      return result;
    },
  );
}
