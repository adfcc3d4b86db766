import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExchangeReads } from '../../access/exchange-reads.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import { HASH_LIST_FORMATS } from '../../exchange/threatexchange/te-list.js';
import type { ApiDeps } from '../api-deps.js';
import { IdParam } from '../api-schemas.js';

const CONTENT_TYPES = { 'te-csv': 'text/csv; charset=utf-8', 'te-json': 'application/x-ndjson; charset=utf-8' } as const;

/** A bank as a ThreatExchange-style hash list, with only what the caller's partner may see. */
export async function bankExportRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const exchange = new ExchangeReads(reads);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/banks/:id/export',
    {
      schema: {
        summary: 'Export a bank as a ThreatExchange-style hash list',
        description: 'CSV (`signal_type,signal_str,tags,deleted`) or JSON Lines. Only signals whose distribution allows them to reach the key\'s partner; local signals never. See docs/exchange-formats.md.',
        tags: ['banks'],
        params: IdParam,
        querystring: z.object({ format: z.enum(HASH_LIST_FORMATS).default('te-csv') }),
      },
    },
    async (request, reply) => {
      const { bank, body } = await exchange.hashList(await reads.viewerOf(request), request.params.id, request.query.format);
      const extension = request.query.format === 'te-csv' ? 'csv' : 'jsonl';
      return reply
        .header('content-type', CONTENT_TYPES[request.query.format])
        .header('content-disposition', `attachment; filename="bank-${bank.id}.${extension}"`)
        .send(body);
    },
  );
}
