import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerOfRequest } from '../../access/viewer-of.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';
import type { AlertInput } from '../../coordination/alert-sink.js';
import { actorOf } from '../auth.js';

export const AlertBody = z.object({
  uid: z.string(),
  origin: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  dedupeKey: z.string(),
  incidentId: z.string().nullable(),
  signalUids: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  distribution: z.string(),
  audienceNode: z.string().nullable(),
  repeatCount: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  receivedFrom: z.string().nullable(),
});

/** An alert as the caller's organisation sees it: with its own acknowledgement (POST /v1/alerts/{uid}/ack), or null. */
export const ListedAlertBody = AlertBody.extend({
  acknowledgement: z.object({ at: z.string(), keyId: z.string(), note: z.string() }).nullable(),
});

/** An alert for the JSON answer (its arrays copied out of the read-only record). */
export const alertJson = <A extends { signalUids: readonly string[]; details: Readonly<Record<string, unknown>> }>(a: A) => ({ ...a, signalUids: [...a.signalUids], details: { ...a.details } });

/** GET /v1/alerts (every read under the viewer's distribution rule) and POST /v1/alerts (an analyst's alert). */
export async function alertRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];
  const services = () => {
    if (!deps.earlyWarning) throw new ConcordError('NOT_FOUND', 'this node runs without the alerts module');
    return deps.earlyWarning;
  };
  r.get(
    '/v1/alerts',
    {
      schema: {
        summary: 'List alerts, newest first',
        description:
          'Alerts raised here (surges, overdue referrals, monitor finds…) and received from partners on the feed, each naming the node that raised it (`origin`). ' +
          'A partner organisation\'s key sees only alerts whose distribution lets them reach it, that it raised, or that are addressed to it. Filters: `kind`, `severity`, `since` (ISO time; alerts raised or repeated since), `incident`, `acknowledged` (`true`: those the caller\'s organisation acknowledged; `false`: those it has not). ' +
          'Each alert carries `acknowledgement`: the caller\'s organisation\'s own (time, key id, note), or null; other organisations\' acknowledgements are never shown.',
        tags,
        querystring: z.object({
          kind: z.string().max(64).optional(),
          severity: z.enum(['info', 'warning', 'critical']).optional(),
          since: z.iso.datetime().optional(),
          incident: z.string().max(200).optional(),
          acknowledged: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ alerts: z.array(ListedAlertBody) }), ...errorResponses },
      },
    },
    async (request) => {
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      const q = request.query;
      const organisation = actorOf(request).partner;
      const alerts = await services().alerts.list(viewer, {
        limit: q.limit,
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.since ? { since: new Date(q.since).toISOString() } : {}),
        ...(q.incident ? { incident: q.incident } : {}),
        ...(q.acknowledged ? { acknowledged: { by: organisation, is: q.acknowledged === 'true' } } : {}),
      });
      return { alerts: (await services().acks.withAcks(organisation, alerts)).map(alertJson) };
    },
  );
  r.post(
    '/v1/alerts',
    {
      schema: {
        summary: 'Raise an alert by hand',
        description:
          'For an analyst: `{kind, severity, title, subject: {type, id}, dedupeKey, distribution, signalUids?, incidentId?, details?, audienceNode?}`. Stored, audited, put on the feed for the partners its distribution reaches and sent to webhooks subscribed to alerts. ' +
          'The same `dedupeKey` again counts a repeat of the same alert. Content and Concord objects only: never people.',
        tags,
        response: { 201: AlertBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const alert = await services().alerts.raiseAlert((request.body ?? {}) as AlertInput);
      return reply.status(201).send(alertJson(alert));
    },
  );
}
