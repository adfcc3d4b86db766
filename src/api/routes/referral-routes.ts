import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ActionSchemas, type ActionType } from '../../coordination/referrals/referral-actions.js';
import { NewReferralSchema } from '../../coordination/referrals/referral-input.js';
import { ReferralService } from '../../coordination/referrals/referral-service.js';
import { STATUSES } from '../../coordination/referrals/referral-terms.js';
import { systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';
import { actorOf } from '../auth.js';

const Referral = z.record(z.string(), z.unknown()).meta({ id: 'Referral' });
const IdParam = z.object({ id: z.string().min(1).max(100) });

/** The action routes: path suffix → the action it records. */
export const REFERRAL_ACTION_ROUTES: Readonly<Record<string, { type: ActionType; summary: string }>> = {
  ack: { type: 'acknowledged', summary: 'Acknowledge a received referral (receiver); stops the clock of a threat-to-life notice' },
  obstacle: { type: 'obstacle', summary: 'Report an obstacle (receiver, Annex III reasons); pauses the clock until the sender clears it' },
  clear: { type: 'cleared', summary: 'Clear an obstacle with more information or a correction (sender); the clock runs again' },
  decision: { type: 'decided', summary: 'Decide (receiver): removed or disabled with the time (Annex II), or not removed with the reason' },
  scrutiny: { type: 'scrutiny_requested', summary: 'Request scrutiny of a removal order (receiver, Art. 4(2), within 48 h of receipt)' },
  'scrutiny-decision': { type: 'scrutiny_decided', summary: 'Decide on scrutiny (scrutiny authority, Art. 4(4), within 72 h); an infringement voids the order' },
  complaint: { type: 'complaint', summary: 'Record a complaint and its decision (receiver, Art. 10): content reference and decision only' },
  reinstatement: { type: 'reinstated', summary: 'Record that the content was reinstated (receiver)' },
};

/**
 * Referrals and removal orders between partner nodes (src/coordination/referrals/). Each
 * travels on the feed to exactly its parties, signed; this node's staff act on them here.
 */
export async function referralRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  const referrals = new ReferralService(deps.store, deps.config, deps.clock ?? systemClock);

  r.post(
    '/v1/referrals',
    {
      schema: {
        summary: 'Send a referral, removal order or threat-to-life notice to a partner',
        description: 'Stored and signed into the feed for the receiving partner only (and, for a removal order, a copy to the scrutiny authority configured for it). See docs/referrals.md.',
        tags,
        body: NewReferralSchema,
        response: { 201: Referral, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await referrals.send(request.body, actorOf(request))),
  );

  r.get(
    '/v1/referrals',
    {
      schema: {
        summary: 'List referrals sent (out) and received or held for scrutiny (in)',
        description:
          'Filters: `direction`, `status`, `overdue=true`, `incident` (the network-wide id of the incident they were sent under). ' +
          'Only the referrals this node is a party to; a key issued to a partner organisation is refused (referrals are this node\'s own coordination).',
        tags,
        querystring: z.object({
          direction: z.enum(['in', 'out']).optional(),
          status: z.enum(STATUSES).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          incident: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
        response: { 200: z.object({ referrals: z.array(Referral) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return { referrals: await referrals.list({ direction: q.direction, status: q.status, overdue: q.overdue === 'true', ...(q.incident ? { incident: q.incident } : {}), limit: q.limit }) };
    },
  );

  r.get('/v1/referrals/:id', { schema: { summary: 'Get a referral with its history', tags, params: IdParam, response: { 200: Referral, ...errorResponses } } }, async (request) =>
    referrals.get(request.params.id),
  );

  for (const [suffix, { type, summary }] of Object.entries(REFERRAL_ACTION_ROUTES)) {
    r.post(
      `/v1/referrals/:id/${suffix}`,
      { schema: { summary, tags, params: IdParam, body: ActionSchemas[type].optional(), response: { 200: Referral, ...errorResponses } } },
      async (request) => referrals.act(request.params.id, type, request.body ?? {}, actorOf(request)),
    );
  }
}
