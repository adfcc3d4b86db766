import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExchangeReads } from '../../access/exchange-reads.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import { ConcordError } from '../../errors/concord-error.js';
import { toCollection } from '../../exchange/taxii/taxii-collections.js';
import { decodeCursor, encodeCursor } from '../../exchange/taxii/taxii-cursor.js';
import { acceptsTaxii, DEFAULT_PAGE, MAX_PAGE, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../../exchange/taxii/taxii-media.js';
import type { CollectionPage } from '../../exchange/taxii/taxii-pager.js';
import type { ApiDeps } from '../api-deps.js';

const CollectionParam = z.object({ id: z.string().min(1).max(64) });
const PageQuery = z.object({
  added_after: z.string().optional().meta({ description: 'only objects added after this RFC 3339 time' }),
  limit: z.coerce.number().int().positive().optional().meta({ description: `objects per page (at most ${MAX_PAGE})` }),
  next: z.string().max(500).optional().meta({ description: 'the `next` of the previous page' }),
  'match[type]': z.string().max(500).optional().meta({ description: 'comma-separated STIX object types' }),
});

/**
 * TAXII 2.1 (read-only): discovery, one API root, one collection per bank that holds
 * something the caller may see, and each collection's objects and manifest. The caller is
 * the partner owning the API key; every read goes through ExchangeReads (src/access/).
 * Spec: https://docs.oasis-open.org/cti/taxii/v2.1/taxii-v2.1.html
 */
export async function taxiiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['taxii'];
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const exchange = new ExchangeReads(reads);
  const viewer = (request: FastifyRequest) => reads.viewerOf(request);
  // Sent as bytes: given an object or a string, Fastify would rewrite the media type to `version="2.1"; charset=utf-8`.
  const taxii = (reply: FastifyReply, body: unknown) => reply.header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(body)));

  app.addHook('preHandler', async (request) => {
    if (!acceptsTaxii(request.headers.accept)) throw new ConcordError('NOT_ACCEPTABLE', `TAXII endpoints serve ${TAXII_MEDIA_TYPE}; the request accepts only ${request.headers.accept}`);
  });

  r.get('/taxii2/', { schema: { summary: 'TAXII 2.1 discovery', tags } }, async (request, reply) => {
    const root = `${request.protocol}://${request.host}/taxii2/api/`;
    return taxii(reply, { title: 'Concord node', description: 'Signals of terrorist and violent extremist content as STIX 2.1 Indicators.', default: root, api_roots: [root] });
  });

  r.get('/taxii2/api/', { schema: { summary: 'TAXII 2.1 API root', tags } }, async (_request, reply) =>
    taxii(reply, { title: 'Concord banks', description: 'One read-only collection per bank.', versions: [TAXII_MEDIA_TYPE], max_content_length: deps.config.maxBodyBytes }),
  );

  r.get('/taxii2/api/collections/', { schema: { summary: 'TAXII 2.1 collections: the banks this key may read from', tags } }, async (request, reply) => {
    const banks = await exchange.collections(await viewer(request));
    return taxii(reply, banks.length > 0 ? { collections: banks.map((b) => toCollection(b, deps.selfPartner)) } : {});
  });

  r.get('/taxii2/api/collections/:id/', { schema: { summary: 'A TAXII 2.1 collection', tags, params: CollectionParam } }, async (request, reply) =>
    taxii(reply, toCollection(await exchange.collection(await viewer(request), request.params.id), deps.selfPartner)),
  );

  const page = async (request: FastifyRequest, id: string, q: z.infer<typeof PageQuery>): Promise<CollectionPage> =>
    exchange.collectionPage(await viewer(request), id, {
      limit: Math.min(q.limit ?? DEFAULT_PAGE, MAX_PAGE),
      addedAfter: q.added_after === undefined ? undefined : timestamp(q.added_after),
      after: q.next === undefined ? undefined : decodeCursor(q.next),
      types: q['match[type]']?.split(',').map((t) => t.trim()).filter(Boolean),
    });
  const send = (reply: FastifyReply, result: CollectionPage, objects: unknown[]) => {
    if (result.items.length > 0) {
      reply.header('X-TAXII-Date-Added-First', result.items[0]!.dateAdded);
      reply.header('X-TAXII-Date-Added-Last', result.items[result.items.length - 1]!.dateAdded);
    }
    const more = result.next !== undefined;
    return taxii(reply, { more, ...(more ? { next: encodeCursor(result.next!) } : {}), ...(objects.length > 0 ? { objects } : {}) });
  };

  r.get(
    '/taxii2/api/collections/:id/objects/',
    { schema: { summary: "A collection's STIX objects, oldest change first", tags, params: CollectionParam, querystring: PageQuery } },
    async (request, reply) => {
      const result = await page(request, request.params.id, request.query);
      return send(reply, result, result.items.map((i) => i.object));
    },
  );

  r.get(
    '/taxii2/api/collections/:id/manifest/',
    { schema: { summary: "A collection's manifest: id, version and date added of each object", tags, params: CollectionParam, querystring: PageQuery } },
    async (request, reply) => {
      const result = await page(request, request.params.id, request.query);
      return send(reply, result, result.items.map((i) => ({ id: i.object.id, date_added: i.dateAdded, version: i.version, media_type: STIX_MEDIA_TYPE })));
    },
  );
}

/** `added_after` in the store's form (ISO with milliseconds), so string comparison is time order. */
function timestamp(raw: string): string {
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms)) throw new ConcordError('REQUEST_INVALID', `added_after: "${raw}" is not an RFC 3339 timestamp`);
  return new Date(ms).toISOString();
}
