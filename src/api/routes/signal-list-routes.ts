import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses, Label, SignalBody, Status, Text } from '../api-schemas.js';

const SignalListQuery = z.object({
  bank: z.coerce.number().int().positive().optional(),
  type: Text.min(1).max(64).optional(),
  value: Text.min(1).max(65536).optional(),
  label: Label.optional(),
  status: Status.optional(),
  contributor: Text.min(1).max(64).optional(),
  incident: Text.min(1).max(100).optional().meta({ description: 'Only signals added under this incident (its network-wide id, GET /v1/incidents)' }),
  uid: Text.min(1).max(200).optional().meta({ description: 'The signal with this network-wide id (as alerts and incidents name signals)' }),
  awaiting: z.enum(['confirmation']).optional().meta({ description: '`confirmation`: the review queue, this node\'s active signals not yet confirmed by enough reviewer keys' }),
  before: z.coerce.number().int().positive().optional().meta({ description: 'The `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const Tally = z.object({ key: z.string(), signals: z.number(), matches: z.number() });

/** Browsing signals: filtered, paginated server-side, newest first; and counts for a dashboard. */
export async function signalListRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reads = new ViewerReads(deps.store, deps.selfPartner);

  r.get(
    '/v1/signals',
    {
      schema: {
        summary: 'List signals, filtered and paginated',
        description: 'Newest first. Pass `next` as `before` for the following page; `next` is null on the last page. A page may hold fewer than `limit` signals when some are outside what this key may see.',
        tags: ['signals'],
        querystring: SignalListQuery,
        response: { 200: z.object({ signals: z.array(SignalBody), next: z.number().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const { bank, incident, ...rest } = request.query;
      return reads.signalPage(await reads.viewerOf(request), { ...rest, ...(bank !== undefined ? { bankId: bank } : {}), ...(incident !== undefined ? { incidentId: incident } : {}) });
    },
  );

  r.get(
    '/v1/stats/signals',
    {
      schema: {
        summary: 'Signals and their matches, per label and per signal type',
        description: 'Counts only signals this key may see; retracted signals are left out.',
        tags: ['signals'],
        response: { 200: z.object({ byLabel: z.array(Tally), byType: z.array(Tally) }), ...errorResponses },
      },
    },
    async (request) => reads.signalCounts(await reads.viewerOf(request)),
  );
}
