import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maySee } from '../../access/viewer.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { Find } from '../../monitor/find.js';
import { SOURCE_KINDS, validateNewSource } from '../../monitor/source.js';
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
    signals: z.array(z.object({ signalId: z.number().int(), uid: z.string(), type: z.string(), label: z.string(), distance: z.number(), contributor: z.string() })),
    contentSha256: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    removedAt: z.string().nullable(),
    removal: z.enum(['gone', 'no_longer_matches']).nullable(),
    nextCheckAt: z.string(),
    incidentId: z.null().meta({ description: 'The incident of the matched signals; null until signals carry incident ids.' }),
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
      const viewer = await reads.viewerOf(request);
      if (viewer.kind === 'self') return { finds: page as Mutable<Find>[], next };
      const ids = [...new Set(page.flatMap((f) => f.signals.map((s) => s.signalId)))];
      const visible = new Set((ids.length > 0 ? await deps.store.getSignals(ids) : []).filter((s) => maySee(s, viewer)).map((s) => s.id));
      const finds: Find[] = page.map((f) => ({ ...f, signals: f.signals.filter((s) => visible.has(s.signalId)) })).filter((f) => f.signals.length > 0);
      return { finds: finds as Mutable<Find>[], next };
    },
  );
}
