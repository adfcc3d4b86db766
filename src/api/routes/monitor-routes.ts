import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import { ReferralService } from '../../coordination/referrals/referral-service.js';
import { ConcordError } from '../../errors/concord-error.js';
import { FindReferralSchema, referFind } from '../../monitor/find-referral.js';
import { findViews, type FindView } from '../../monitor/find-view.js';
import { SOURCE_KINDS, validateNewSource } from '../../monitor/source.js';
import { systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses, IdParam, Label, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';

/** The response schema's arrays are mutable; the stored records are not changed here. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

const SourceBody = z
  .object({
    id: z.number().int(),
    url: z.string(),
    kind: z.enum(SOURCE_KINDS),
    reason: z.string(),
    label: Label,
    intervalMs: z.number().int(),
    depth: z.number().int(),
    localTestSite: z.boolean(),
    createdAt: z.string(),
    nextCheckAt: z.string(),
    lastCheckedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Source' });

const NewSourceBody = z.object({
  url: Text.min(1).max(4096),
  kind: z.enum(SOURCE_KINDS),
  reason: Text.trim().min(3).max(4000),
  label: Text.min(1).max(100),
  intervalMs: z.number().int().positive().optional(),
  depth: z.number().int().optional(),
  localTestSite: z.boolean().optional(),
});

const FindBody = z
  .object({
    id: z.number().int(),
    sourceId: z.number().int(),
    url: z.string(),
    signals: z.array(z.object({ signalId: z.number().int(), uid: z.string(), type: z.string(), label: z.string(), distance: z.number(), contributor: z.string(), incidentId: z.string().nullable() })),
    contentSha256: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    removedAt: z.string().nullable(),
    removal: z.enum(['gone', 'no_longer_matches']).nullable(),
    nextCheckAt: z.string(),
    incidentId: z.string().nullable().meta({ description: 'The incident the matched content belongs to (the first matched signal added under one, GET /v1/incidents/{id}); null for routine content.' }),
    referrals: z.array(z.object({ referralId: z.string(), partner: z.string(), kind: z.string(), at: z.string() })).meta({ description: 'Referrals and removal orders opened from this find (POST /v1/finds/{id}/referral); shown to this node\'s keys only.' }),
    responsiblePartner: z.string().nullable().meta({ description: 'The partner responsible for the host by monitor.hostPartners, proposed for a referral; null if none (and for partner keys).' }),
  })
  .meta({ id: 'Find' });

const CheckErrorBody = z.object({ url: z.string(), code: z.string(), message: z.string() });
const CheckReportBody = z.object({
  sourceId: z.number().int(),
  url: z.string(),
  error: CheckErrorBody.nullable(),
  pages: z.number().int(),
  media: z.number().int(),
  notModified: z.number().int(),
  bytes: z.number().int(),
  finds: z.number().int(),
  newFinds: z.number().int(),
  errors: z.array(CheckErrorBody),
  errorCount: z.number().int(),
  timings: z.object({ fetchMs: z.number(), decodeMs: z.number(), hashMs: z.number(), matchMs: z.number() }),
});

/**
 * The monitor of public sources: the node's allow-list (node-local configuration, its own
 * keys only), on-demand checks, and finds. Finds follow the distribution rule: a
 * partner's key sees a find only through the matched signals it may see, and only those.
 */
export async function monitorRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitor'];
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const clock = deps.clock ?? systemClock;
  const referrals = new ReferralService(deps.store, deps.config, clock);

  r.get('/v1/sources', { schema: { summary: 'List the sources this node watches', tags, response: { 200: z.object({ sources: z.array(SourceBody) }), ...errorResponses } } }, async () => ({
    sources: await deps.store.monitor.listSources(),
  }));

  r.post(
    '/v1/sources',
    {
      schema: {
        summary: 'Add a source to the allow-list',
        description:
          'kind: `feed` (RSS/Atom), `activitypub` (an outbox), `html` (a page whose media is followed) or `file` (a direct file URL). depth 1 (default): the page and the media it links to; never beyond its own host and those media hosts. `localTestSite`: a site on this machine for tests (loopback only).',
        tags,
        body: NewSourceBody,
        response: { 201: SourceBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const source = await deps.store.monitor.addSource(validateNewSource(request.body), actorOf(request));
      return reply.status(201).send(source);
    },
  );

  r.delete('/v1/sources/:id', { schema: { summary: 'Stop watching a source (its finds stay)', tags, params: IdParam, response: { 200: SourceBody, ...errorResponses } } }, async (request) => {
    const removed = await deps.store.monitor.removeSource(request.params.id, actorOf(request));
    if (!removed) throw new ConcordError('NOT_FOUND', `no source with id ${request.params.id}`);
    return removed;
  });

  r.post(
    '/v1/sources/:id/check',
    { schema: { summary: 'Check a source now', description: 'Runs a check at once, whatever the schedule, and reports it; a source that could not be read has its coded error in `error`.', tags, params: IdParam, response: { 200: CheckReportBody, ...errorResponses } } },
    async (request) => deps.monitor.checkSource(request.params.id),
  );

  r.get(
    '/v1/finds',
    {
      schema: {
        summary: 'List finds: known content seen at public URLs',
        description: 'Newest first. `before`: the smallest id of the previous page. `open=true`: only content not yet gone. A find holds the matched signals, the URL, when first and last seen, and when it was gone; nothing about accounts, posters or readers.',
        tags,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          before: z.coerce.number().int().positive().optional(),
          sourceId: z.coerce.number().int().positive().optional(),
          open: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ finds: z.array(FindBody), next: z.number().int().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await deps.store.monitor.listFinds({ limit: q.limit, ...(q.before ? { beforeId: q.before } : {}), ...(q.sourceId ? { sourceId: q.sourceId } : {}), ...(q.open ? { open: q.open === 'true' } : {}) });
      const next = page.length === q.limit ? page[page.length - 1]!.id : null;
      return { finds: (await findViews(deps.store, deps.config.monitor.hostPartners, page, await reads.viewerOf(request))) as Mutable<FindView>[], next };
    },
  );

  r.get('/v1/finds/:id', { schema: { summary: 'Get one find', description: 'As in GET /v1/finds: a partner\'s key sees it only through the matched signals it may see.', tags, params: IdParam, response: { 200: FindBody, ...errorResponses } } }, async (request) => {
    const find = await deps.store.monitor.getFind(request.params.id);
    const [view] = find ? await findViews(deps.store, deps.config.monitor.hostPartners, [find], await reads.viewerOf(request)) : [];
    if (!view) throw new ConcordError('NOT_FOUND', `no find with id ${request.params.id}`);
    return view as Mutable<FindView>;
  });

  r.post(
    '/v1/finds/:id/referral',
    {
      schema: {
        summary: 'Refer a find to the partner responsible for its host',
        description:
          'Opens a referral (`kind`: `referral`, default) or removal order (`removal_order`, with the Annex I `order` fields) as POST /v1/referrals does, carrying the find\'s URL, the uids of its matched signals the partner may see, and its incident. ' +
          '`to` defaults to the partner monitor.hostPartners names for the host (the find\'s `responsiblePartner`). The find records the referral. See docs/monitor.md.',
        tags,
        params: IdParam,
        body: FindReferralSchema,
        response: { 201: z.object({ find: FindBody, referral: z.record(z.string(), z.unknown()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { referral } = await referFind({ store: deps.store, config: deps.config, clock, referrals, selfPartner: deps.selfPartner }, request.params.id, request.body, actorOf(request));
      const find = (await deps.store.monitor.getFind(request.params.id))!;
      const [view] = await findViews(deps.store, deps.config.monitor.hostPartners, [find], await reads.viewerOf(request));
      return reply.status(201).send({ find: view as Mutable<FindView>, referral });
    },
  );
}
