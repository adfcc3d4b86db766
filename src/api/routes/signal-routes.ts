import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPINIONS } from '../../domain/signal-record.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { AuditEntryBody, errorResponses, IdParam, OpinionBody, SignalBody } from '../api-schemas.js';
import { actorOf } from '../auth.js';
import { indexNow } from '../signal-input.js';
import { parseLabel } from '../../taxonomy/labels.js';

const Reason = z.string().trim().min(3, 'give a reason').max(4000);

/** One signal: its provenance, opinions and audit trail; retraction; opinions. */
export async function signalRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['signals'];

  r.get(
    '/v1/signals/:id',
    {
      schema: {
        summary: 'A signal with its provenance, opinions and audit trail',
        tags,
        params: IdParam,
        response: {
          200: z.object({
            signal: SignalBody,
            contributor: z.object({ id: z.string(), name: z.string() }).nullable(),
            opinions: z.array(OpinionBody),
            audit: z.array(AuditEntryBody),
            originEvent: z
              .unknown()
              .nullable()
              .meta({ description: "For a signal received from a partner: the origin node's signed feed event, as received, to check against the origin's public key" }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const signal = await deps.store.getSignal(id);
      if (!signal) throw new ConcordError('NOT_FOUND', `no signal with id ${id}`);
      const [partner, opinions, audit, originEvent] = await Promise.all([
        deps.store.getPartner(signal.contributor),
        deps.store.listOpinions(id),
        deps.store.listAudit({ limit: 1000, subjectType: 'signal', subjectId: String(id) }),
        deps.store.getOriginEvent(id),
      ]);
      return {
        signal,
        contributor: partner ? { id: partner.id, name: partner.name } : null,
        opinions,
        audit: audit.map((a) => ({ ...a, details: { ...a.details } })),
        originEvent: originEvent ? JSON.parse(originEvent) : null,
      };
    },
  );

  r.post(
    '/v1/signals/confirm',
    {
      schema: {
        summary: 'Confirm signals contributed here (four eyes)',
        description:
          'Counts this key as one confirmation of each signal: all of them or none. Refused with `SELF_CONFIRMATION` for a signal this key added and `REVIEWER_REQUIRED` for a key without the reviewer role. A signal with the confirmations its distribution level needs is shared with partners from then on.',
        tags,
        body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }),
        response: { 200: z.object({ signals: z.array(SignalBody) }), ...errorResponses },
      },
    },
    async (request) => ({ signals: await deps.store.confirmSignals(request.body.ids, actorOf(request)) }),
  );

  r.post(
    '/v1/signals/:id/retract',
    {
      schema: {
        summary: 'Retract a signal this node contributed',
        description: 'The signal stays on record with its reason, stops matching, and the retraction is audited.',
        tags,
        params: IdParam,
        body: z.object({ reason: Reason }),
        response: { 200: SignalBody, ...errorResponses },
      },
    },
    async (request) => {
      const signal = await deps.store.retractSignal(request.params.id, request.body.reason, actorOf(request));
      indexNow(deps.index, [signal]);
      return signal;
    },
  );

  r.post(
    '/v1/signals/:id/label',
    {
      schema: {
        summary: 'Correct the label of a signal this node contributed',
        description: 'The old label stays in the audit trail with the reason for the change.',
        tags,
        params: IdParam,
        body: z.object({ label: z.string(), reason: Reason }),
        response: { 200: SignalBody, ...errorResponses },
      },
    },
    async (request) => {
      const label = parseLabel(request.body.label);
      if (!label.ok) throw new ConcordError(label.code, label.message);
      const signal = await deps.store.relabelSignal(request.params.id, label.value, request.body.reason, actorOf(request));
      indexNow(deps.index, [signal]); // matches through this process show the new label at once
      return signal;
    },
  );

  r.post(
    '/v1/signals/:id/opinions',
    {
      schema: {
        summary: 'Confirm, dispute or report seeing a signal',
        description: `A signal disputed by the configured number of partners (default 2), or by its contributor, becomes \`disputed\` and stops matching until its contributor confirms it again. Four eyes: on a signal contributed here, \`confirmed\` counts once per reviewer key other than the adding one (\`SELF_CONFIRMATION\`, \`REVIEWER_REQUIRED\` otherwise, nothing stored); once it has the confirmations its distribution level needs (\`confirmationsRequired\`), it is shared with partners.`,
        tags,
        params: IdParam,
        body: z.object({ opinion: z.enum(OPINIONS), reason: Reason }),
        response: { 201: z.object({ opinion: OpinionBody, signal: SignalBody }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await deps.store.addOpinion(request.params.id, request.body, actorOf(request), deps.config.disputeThreshold);
      indexNow(deps.index, [result.signal]);
      return reply.status(201).send(result);
    },
  );
}
