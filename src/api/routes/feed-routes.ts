import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExchangeReads } from '../../access/exchange-reads.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import { FeedPageSchema } from '../../exchange/feed/feed-event.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';
import { peerOf } from '../auth.js';

const MAX_WAIT_MS = 30_000;

/** The node's signed feed, for partner nodes, and its public identity, for anyone. */
export async function feedRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const exchange = new ExchangeReads(reads);

  r.get('/v1/identity', {
    schema: {
      summary: "This node's id, public key and URL",
      description: 'What a partner needs to register this node: `concord partner add --name … --url … --public-key …`.',
      tags: ['federation'],
      security: [],
      response: { 200: z.object({ id: z.string(), organisation: z.string(), publicKey: z.string(), url: z.string().nullable() }) },
    },
    handler: async () => {
      const self = await deps.store.getPartner(deps.selfPartner);
      return { id: deps.selfPartner, organisation: self?.name ?? deps.selfPartner, publicKey: deps.nodeKey.publicKey, url: (await deps.store.getSetting('node.url')) ?? null };
    },
  });

  r.get('/v1/feed', {
    schema: {
      summary: "Read this node's signed event feed (partner nodes only)",
      description:
        'Authenticated with the calling node\'s key: `Authorization: Concord-Node id="…", ts="…", sig="…"`. Events after `after`, at most `limit`. ' +
        'With `wait` (ms, up to 30000) the request is held until there is an event after `after`, so news arrives within milliseconds. ' +
        'Every event is in the page so the chain verifies, but an event the partner may not see comes without its body. ' +
        'The audience of each event is signed with it, and `headProof` signs the head, the calling partner and its sharing groups here, so the partner can tell a legitimate stub from a stripped body.',
      tags: ['federation'],
      security: [],
      querystring: z.object({
        after: z.coerce.number().int().nonnegative().default(0),
        limit: z.coerce.number().int().positive().max(5000).default(1000),
        wait: z.coerce.number().int().nonnegative().max(MAX_WAIT_MS).default(0),
      }),
      response: { 200: FeedPageSchema, ...errorResponses },
    },
    // Pages are large and built from stored, already well-formed rows.
    serializerCompiler: () => (data) => JSON.stringify(data),
    handler: async (request) => {
      peerOf(request); // only a signed partner node reaches here; refuse anything else outright
      const { after, limit, wait } = request.query;
      return exchange.feedPage(await reads.viewerOf(request), {
        after,
        limit,
        waitBeyond: wait > 0 ? () => deps.feed.waitBeyond(after, wait) : undefined,
        sign: (t) => deps.nodeKey.sign(t),
        now: new Date(deps.clock?.now() ?? Date.now()),
      });
    },
  });
}
