import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ViewerReads } from '../../access/viewer-reads.js';
import { WriteGuard } from '../../access/write-guard.js';
import { ConcordError } from '../../errors/concord-error.js';
import { hashContent } from '../../signals/hash-content.js';
import type { ApiDeps } from '../api-deps.js';
import { BankBody, Distribution, errorResponses, IdParam, NewSignalBody, SignalBody, Text } from '../api-schemas.js';
import { actorOf, hasRole } from '../auth.js';
import { parseBody, readUpload } from '../request-body.js';
import { indexNow, validateNewSignals } from '../signal-input.js';

const BankName = Text.trim().min(1).max(200);
const ContentFields = z.object({ label: Text, reason: Text.trim().min(3).max(4000), distribution: Distribution.default('partners') });

/** Banks: named collections of signals a partner curates, and adding signals to them. */
export async function bankRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['banks'];
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const guard = new WriteGuard(reads);

  r.get(
    '/v1/banks',
    {
      schema: {
        summary: 'List banks',
        description: "A partner organisation's key lists the banks it owns and those holding a signal it may see.",
        tags,
        response: { 200: z.object({ banks: z.array(BankBody) }), ...errorResponses },
      },
    },
    async (request) => ({ banks: await reads.banks(await reads.viewerOf(request)) }),
  );

  r.post(
    '/v1/banks',
    { schema: { summary: 'Create a bank', tags, body: z.object({ name: BankName, description: Text.max(4000).default('') }), response: { 201: BankBody, ...errorResponses } } },
    async (request, reply) => {
      const bank = await deps.store.createBank(request.body, actorOf(request));
      return reply.status(201).send(bank);
    },
  );

  r.get('/v1/banks/:id', { schema: { summary: 'Get a bank', tags, params: IdParam, response: { 200: BankBody, ...errorResponses } } }, async (request) =>
    reads.bank(await reads.viewerOf(request), request.params.id),
  );

  r.patch(
    '/v1/banks/:id',
    {
      schema: {
        summary: 'Rename or describe a bank',
        tags,
        params: IdParam,
        body: z.object({ name: BankName.optional(), description: Text.max(4000).optional() }).refine((b) => b.name !== undefined || b.description !== undefined, 'give name or description'),
        response: { 200: BankBody, ...errorResponses },
      },
    },
    async (request) => {
      await guard.mayChangeBank(await reads.viewerOf(request), request.params.id);
      return deps.store.updateBank(request.params.id, request.body, actorOf(request));
    },
  );

  r.post(
    '/v1/banks/:id/signals',
    {
      schema: {
        summary: 'Add signals to a bank',
        description: 'All of the batch is stored, or none of it. Each signal needs a label from the taxonomy and a reason. New signals match at once but leave the node (feed, TAXII, list exports) only once reviewer keys other than the adding one confirm them (POST /v1/signals/{id}/opinions with `confirmed`).',
        tags,
        params: IdParam,
        body: z.object({ signals: z.array(NewSignalBody).min(1).max(10_000) }),
        response: { 201: z.object({ signals: z.array(SignalBody) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await guard.mayChangeBank(await reads.viewerOf(request), request.params.id);
      const signals = validateNewSignals(deps.registry, request.body.signals);
      const records = await deps.store.addSignals(request.params.id, signals, actorOf(request));
      indexNow(deps.index, records);
      return reply.status(201).send({ signals: records });
    },
  );

  r.post(
    '/v1/banks/:id/content',
    {
      schema: {
        summary: 'Hash a file and add its signals to a bank',
        description: 'Multipart: a `file` part and fields `label`, `reason`, `distribution`. Signals too weak to match (PDQ quality under 50) are not added and are listed under `skipped`.',
        tags,
        params: IdParam,
        response: { 201: z.object({ signals: z.array(SignalBody), skipped: z.array(z.object({ type: z.string(), skipped: z.string() })) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await guard.mayChangeBank(await reads.viewerOf(request), request.params.id);
      if (!request.isMultipart()) throw new ConcordError('REQUEST_INVALID', 'send the file as multipart/form-data with a "file" part');
      const upload = await readUpload(request, deps.media, deps.config.maxFileBytes);
      const fields = parseBody(ContentFields, upload.fields);
      const { signals, skipped } = await hashContent(deps.registry, upload.content);
      const weak = signals.filter((s) => !s.matchable).map((s) => ({ type: s.type, skipped: `quality ${s.quality ?? '?'} is too low to match` }));
      const input = signals.filter((s) => s.matchable).map((s) => ({ type: s.type, value: s.value, ...fields }));
      const records = await deps.store.addSignals(request.params.id, validateNewSignals(deps.registry, input), actorOf(request));
      indexNow(deps.index, records);
      return reply.status(201).send({ signals: records, skipped: [...skipped, ...weak] });
    },
  );
}
