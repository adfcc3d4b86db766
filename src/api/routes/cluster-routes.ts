import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerOfRequest } from '../../access/viewer-of.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';

const Surge = z.object({ state: z.enum(['surging', 'quiet', 'unknown']), episodes: z.number(), baselinePerBucket: z.number().nullable(), bucketMs: z.number().nullable(), seenBy: z.array(z.string()) });
const Summary = z.object({
  id: z.string(),
  size: z.number(),
  exampleSignalUid: z.string(),
  incidents: z.array(z.string()),
  matches: z.object({ here: z.number(), sightings: z.record(z.string(), z.number()) }),
  surge: Surge,
});
const Detail = Summary.extend({
  signals: z.array(z.object({ uid: z.string(), type: z.string(), label: z.string(), contributor: z.string(), incidentId: z.string().nullable(), status: z.string(), matchCount: z.number() })),
  hourly: z.array(z.object({ hour: z.string(), node: z.string(), count: z.number() })),
  perSignal: z.array(z.object({ signalUid: z.string(), hour: z.string(), node: z.string(), count: z.number() })),
});
const Hours = z.coerce.number().int().min(1).max(24 * 31).default(24);

/** Early-warning clusters and their sightings (docs/early-warning.md), every read under the viewer's distribution rule. */
export async function clusterRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['early warning'];
  const ew = () => {
    if (!deps.earlyWarning) throw new ConcordError('NOT_FOUND', 'this node runs without the early-warning module');
    return deps.earlyWarning;
  };
  // The view's values are readonly; the response schema's are plain arrays: one copy.
  const plain = <S extends z.ZodType>(_schema: S, x: unknown): z.infer<S> => JSON.parse(JSON.stringify(x)) as z.infer<S>;
  r.get(
    '/v1/clusters',
    {
      schema: {
        summary: 'List early-warning clusters, biggest first',
        description:
          'Signals joined by near-matches (each type at its own threshold) or by a shared incident. For each: its id, the member signals the caller may see (`size`), the incidents it may see, ' +
          'matches here and sightings per node over the last `hours`, and the surge detector’s state. Filters: `minSize` (default 2), `surging`, `incident`, `signal` (the cluster holding that signal uid).',
        tags,
        querystring: z.object({
          minSize: z.coerce.number().int().min(1).max(1_000_000).default(2),
          surging: z.enum(['true', 'false']).optional(),
          incident: z.string().max(200).optional(),
          signal: z.string().max(200).optional(),
          hours: Hours,
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ clusters: z.array(Summary) }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      const q = request.query;
      const clusters = await ew().readClusters((view) =>
        view.list(viewer, { minSize: q.signal ? 1 : q.minSize, limit: q.limit, hours: q.hours, ...(q.surging ? { surging: q.surging === 'true' } : {}), ...(q.incident ? { incident: q.incident } : {}), ...(q.signal ? { signal: q.signal } : {}) }),
      );
      return { clusters: plain(z.array(Summary), clusters) };
    },
  );
  r.get(
    '/v1/clusters/:id',
    {
      schema: {
        summary: 'One cluster: its signals, incidents, surge state and hourly sightings',
        description: 'Hourly match counts per node (`hourly`) and per member signal (`perSignal`) over the last `hours`: this node’s own, and partners’ shared sightings (a partner’s key sees this node’s and its own). Counts only.',
        tags,
        params: z.object({ id: z.string().min(1).max(220) }),
        querystring: z.object({ hours: Hours }),
        response: { 200: Detail, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      return plain(Detail, await ew().readClusters((view) => view.detail(viewer, request.params.id, request.query.hours)));
    },
  );
}
