import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConcordError } from '../../errors/concord-error.js';
import { listDeliveries } from '../../coordination/actions/delivery-log.js';
import type { ReviewQueue } from '../../coordination/actions/review-queue.js';
import type { ApiDeps } from '../api-deps.js';
import { Distribution, errorResponses, Label, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';
import { parseBody } from '../request-body.js';

const RuleBody = z.object({
  id: z.string(),
  partner: z.string(),
  description: z.string(),
  signalTypes: z.array(z.string()),
  labels: z.array(z.string()),
  incidentId: z.string().nullable(),
  maxDistance: z.number().nullable(),
  action: z.enum(['webhook', 'review', 'log']),
  url: z.string().nullable(),
  reviewBelow: z.number(),
  onAlerts: z.boolean(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

const DeliveryBody = z.object({
  id: z.number(),
  ruleId: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'dead', 'logged']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  body: z.record(z.string(), z.unknown()),
  history: z.array(z.object({ attempt: z.number(), at: z.string(), statusCode: z.number().nullable(), error: z.string().nullable() })),
});

const ReviewBody = z.object({
  id: z.number(),
  kind: z.enum(['match', 'variant_candidate']),
  ruleId: z.string().nullable(),
  partner: z.string().nullable(),
  signalUid: z.string(),
  cluster: z.string().nullable(),
  candidate: z.object({ type: z.string(), value: z.string() }).nullable(),
  distance: z.number().nullable(),
  confidence: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'accepted', 'rejected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  acceptedSignalId: z.number().nullable(),
});

const AcceptBody = z.object({ bankId: z.number().int().positive().optional(), label: Label.optional(), reason: Text.max(2000).optional(), distribution: Distribution.optional() }).strict();

/** Action rules, the webhook delivery log and the review queue: administration of this node. */
export async function actionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['actions'];
  const ew = () => {
    if (!deps.earlyWarning) throw new ConcordError('NOT_FOUND', 'this node runs without the actions module');
    return deps.earlyWarning;
  };
  const copy = <T extends { signalTypes: readonly string[]; labels: readonly string[] }>(rule: T) => ({ ...rule, signalTypes: [...rule.signalTypes], labels: [...rule.labels] });

  r.get('/v1/actions/rules', { schema: { summary: 'List action rules', tags, response: { 200: z.object({ rules: z.array(RuleBody) }), ...errorResponses } } }, async () => ({ rules: (await ew().rules.list()).map(copy) }));
  r.post(
    '/v1/actions/rules',
    {
      schema: {
        summary: 'Create an action rule',
        description:
          'Maps a partner\'s matches (`signalTypes`, `labels`, `incidentId`, `maxDistance`; empty means any) to an `action`: `webhook` (signed POST to `url`, see docs/webhooks.md), `review` (the review queue) or `log`. ' +
          'Matches under `reviewBelow` confidence (default from the node configuration) go to review whatever the action. `onAlerts: true` also sends alerts the partner may see to the webhook. The `secret` is returned once. ' +
          'A signal type, label or incident this node does not know is refused (`SIGNAL_TYPE_UNKNOWN`, `LABEL_UNKNOWN`, `INCIDENT_NOT_FOUND`): such a rule would never act.',
        tags,
        response: { 201: z.object({ rule: RuleBody, secret: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { rule, secret } = await ew().rules.create(request.body ?? {}, actorOf(request));
      return reply.status(201).send({ rule: copy(rule), secret });
    },
  );
  r.post(
    '/v1/actions/rules/:id/disable',
    { schema: { summary: 'Disable an action rule (kept for the delivery log)', tags, params: z.object({ id: z.string().max(100) }), response: { 200: RuleBody, ...errorResponses } } },
    async (request) => copy(await ew().rules.disable(request.params.id, actorOf(request))),
  );
  r.get(
    '/v1/actions/deliveries',
    {
      schema: {
        summary: 'The delivery log: webhooks sent, retried, dead-lettered, and actions logged',
        tags,
        querystring: z.object({ ruleId: z.string().max(100).optional(), status: z.enum(['pending', 'delivered', 'dead', 'logged']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ deliveries: z.array(DeliveryBody) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const deliveries = await listDeliveries(deps.store.context, { limit: q.limit, ...(q.ruleId ? { ruleId: q.ruleId } : {}), ...(q.status ? { status: q.status } : {}) });
      return { deliveries: deliveries.map((d) => ({ ...d, body: { ...d.body }, history: [...d.history] })) };
    },
  );
  r.get(
    '/v1/review',
    {
      schema: {
        summary: 'The review queue: uncertain matches and new-variant candidates',
        tags,
        querystring: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional(), kind: z.enum(['match', 'variant_candidate']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(ReviewBody) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await ew().review.list({ limit: q.limit, ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) });
      return { items: items.map((i) => ({ ...i, details: { ...i.details } })) };
    },
  );
  r.post(
    '/v1/review/:id/accept',
    {
      schema: {
        summary: 'Accept a review entry',
        description: 'A variant candidate is added to `bankId` with `label` (distribution `local` unless given; it needs its confirmations like any new signal). A match entry records the decision.',
        tags,
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: ReviewBody, ...errorResponses },
      },
    },
    async (request) => {
      const body = parseBody(AcceptBody, request.body ?? {});
      const item = await ew().review.accept(request.params.id, body as Parameters<ReviewQueue['accept']>[1], actorOf(request));
      return { ...item, details: { ...item.details } };
    },
  );
  r.post(
    '/v1/review/:id/reject',
    {
      schema: { summary: 'Reject a review entry', tags, params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: ReviewBody, ...errorResponses } },
    },
    async (request) => {
      const body = parseBody(z.object({ reason: Text.min(1).max(2000) }).strict(), request.body ?? {});
      const item = await ew().review.reject(request.params.id, body.reason, actorOf(request));
      return { ...item, details: { ...item.details } };
    },
  );
}
