import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPINIONS } from '../../domain/signal-record.js';
import { ViewerReads } from '../../access/viewer-reads.js';
import { WriteGuard } from '../../access/write-guard.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { AuditEntryBody, errorResponses, IdParam, OpinionBody, SignalBody, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';
import { indexNow } from '../signal-input.js';
import { parseLabel } from '../../taxonomy/labels.js';

const Reason = Text.trim().min(3, 'give a reason').max(4000);

/** One signal: its provenance, opinions and audit trail; retraction; opinions. */
export async function signalRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['signals'];
  const reads = new ViewerReads(deps.store, deps.selfPartner);
  const guard = new WriteGuard(reads);

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
      const { signal, contributor, opinions, audit, originEvent } = await reads.signalDetail(await reads.viewerOf(request), request.params.id);
      return {
        signal,
        contributor,
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
      await guard.mayChangeSignal(await reads.viewerOf(request), request.params.id);
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
        body: z.object({ label: Text, reason: Reason }),
        response: { 200: SignalBody, ...errorResponses },
      },
    },
    async (request) => {
      await guard.mayChangeSignal(await reads.viewerOf(request), request.params.id);
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
      await guard.mayGiveOpinion(await reads.viewerOf(request), request.params.id);
      const result = await deps.store.addOpinion(request.params.id, request.body, actorOf(request), deps.config.disputeThreshold);
      indexNow(deps.index, [result.signal]);
      return reply.status(201).send(result);
    },
  );
}
