import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import { isPartnerKey } from '../../access/viewer-of.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { auditChainBroken } from '../../store/audit-chain-broken.js';
import { AuditEntryBody, errorResponses, Text } from '../api-schemas.js';
import { peerOf } from '../auth.js';
import { CheckpointListSchema } from '../../exchange/audit-checkpoint-fetch.js';
import { verifyAuditChain } from '../../exchange/audit-verify.js';

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
        description:
          'Recomputes every hash and link, then checks the chain against the signed checkpoints this node published (a truncated or rewritten chain no longer matches them). ' +
          'With `withPartners=true` (this node\'s own keys only: the answer names its partners), also against the copies its partners keep. Answers `ok: false` with the first broken entry; with `strict=true` a chain that does not verify is the error `AUDIT_CHAIN_BROKEN` instead.',
        tags: ['audit'],
        querystring: z.object({ withPartners: z.enum(['true', 'false']).default('false'), strict: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBroken: z.object({ seq: z.number(), problem: z.string() }).optional(),
            checkpoints: z.object({ local: z.number(), partners: z.array(z.object({ partner: z.string(), checked: z.number(), error: z.string().optional() })) }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      // The answer then names every partner node and what went wrong asking it: node administration, like GET /v1/partners.
      if (request.query.withPartners === 'true' && isPartnerKey(request, deps.selfPartner)) {
        throw new ConcordError('FORBIDDEN', "withPartners asks this node's partners and names them; a key issued to a partner organisation may verify the chain without it");
      }
      const report = await verifyAuditChain(deps.store, { selfId: deps.selfPartner, ...(request.query.withPartners === 'true' ? { withPartners: { key: deps.nodeKey } } : {}) });
      if (!report.ok && request.query.strict === 'true') throw auditChainBroken(report);
      return { ...report, checkpoints: { local: report.checkpoints.local, partners: [...report.checkpoints.partners] } };
    },
  );
  r.get(
    '/v1/audit/checkpoints',
    {
      schema: {
        summary: "The audit checkpoints this node keeps of a node's chain (partner nodes only)",
        description:
          'Authenticated like `/v1/feed`, with the calling node\'s key. Each checkpoint is the signed `audit.checkpoint` feed event the node published (length and head hash of its audit chain, no content), newest first, ' +
          'so a node can check its own chain against copies it cannot alter: `concord audit verify --with-partners`.',
        tags: ['federation'],
        security: [],
        querystring: z.object({ node: z.string().min(1).max(100), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: CheckpointListSchema, ...errorResponses },
      },
    },
    async (request) => {
      peerOf(request);
      return { checkpoints: await deps.store.listAuditCheckpoints(request.query.node, request.query.limit) };
    },
  );
}
