import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerOfRequest } from '../../access/viewer-of.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';
import { alertJson, ListedAlertBody } from './alert-routes.js';

const UidParam = z.object({ uid: z.string().min(1).max(200) });

/**
 * GET /v1/alerts/{uid}: one alert, under the viewer's distribution rule as the list is;
 * POST /v1/alerts/{uid}/ack: the caller's organisation takes it in hand (alert-acks.ts).
 */
export async function alertDetailRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const services = () => {
    if (!deps.earlyWarning) throw new ConcordError('NOT_FOUND', 'this node runs without the alerts module');
    return deps.earlyWarning;
  };
  r.get(
    '/v1/alerts/:uid',
    {
      schema: {
        summary: 'Get one alert',
        description: "The alert with its details and the caller's organisation's acknowledgement, if the caller may see it (the same rule as GET /v1/alerts); ALERT_NOT_FOUND otherwise.",
        tags: ['alerts'],
        params: UidParam,
        response: { 200: ListedAlertBody, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      const a = await services().alerts.get(viewer, request.params.uid);
      const [listed] = await services().acks.withAcks(actorOf(request).partner, [a]);
      return alertJson(listed!);
    },
  );
  r.post(
    '/v1/alerts/:uid/ack',
    {
      schema: {
        summary: 'Acknowledge an alert',
        description:
          "Records that the caller's organisation has taken the alert in hand: when, with which key, and an optional `note`; audited as `alert.acknowledged`. " +
          'This node\'s own bookkeeping: it never goes on the feed, and each organisation (this node, or a partner organisation through a key issued here) acknowledges for itself and sees only its own. ' +
          'Only an alert the caller may see (ALERT_NOT_FOUND otherwise). Not idempotent on purpose: a second acknowledgement is ALERT_ALREADY_ACKNOWLEDGED, naming when and with which key the first was made, and changes nothing.',
        tags: ['alerts'],
        params: UidParam,
        body: z.object({ note: Text.trim().max(1000).default('') }).nullish(),
        response: { 200: ListedAlertBody, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      return alertJson(await services().acks.acknowledge(viewer, actorOf(request), request.params.uid, request.body?.note ?? ''));
    },
  );
}
