import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerOfRequest } from '../../access/viewer-of.js';
import { INCIDENT_CRITERIA } from '../../config/incident-config.js';
import { IncidentService } from '../../coordination/incidents/incident-service.js';
import { ENTRY_KINDS } from '../../coordination/incidents/incident-record.js';
import { systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';
import { Distribution, errorResponses, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';

const Time = Text.min(10).max(40).meta({ description: 'ISO 8601 time with a zone' });
const Reason = Text.trim().max(4000);

const CriterionBody = z.object({ criterion: z.enum(INCIDENT_CRITERIA), met: z.boolean(), reason: Reason });
const IncidentBody = z
  .object({
    id: z.string().meta({ description: 'Network-wide id, the same at every node that holds the incident' }),
    title: z.string(),
    tier: z.string(),
    criteria: z.array(CriterionBody).readonly(),
    eventAt: z.string(),
    discoveredAt: z.string(),
    banks: z.array(z.string()).readonly(),
    signalUids: z.array(z.string()).readonly(),
    externalRefs: z.array(z.object({ protocol: z.string(), id: z.string() })).readonly(),
    leadProtocol: z.string().nullable(),
    distribution: z.string(),
    declarer: z.string(),
    receivedFrom: z.string().nullable(),
    status: z.enum(['open', 'concluded']),
    declaredAt: z.string(),
    concludedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Incident' });
const EntryBody = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    byNode: z.string().meta({ description: 'The node that wrote and signed it' }),
    nodeSeq: z.number(),
    kind: z.enum(ENTRY_KINDS),
    eventAt: z.string(),
    discoveredAt: z.string(),
    text: z.string(),
    data: z.record(z.string(), z.unknown()).readonly(),
    receivedFrom: z.string().nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'TimelineEntry' });
const DebriefBody = z.object({
  declaredAt: z.string(),
  firstSignalSharedAt: z.string().nullable(),
  firstSignalSharedBy: z.string().nullable(),
  declarationToFirstSignalSeconds: z.number().nullable(),
  firstMatches: z.array(z.object({ node: z.string(), at: z.string(), afterDeclarationSeconds: z.number(), afterFirstSignalSeconds: z.number().nullable() })).readonly(),
  concludedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
});
const DetailBody = z.object({ incident: IncidentBody, timeline: z.array(EntryBody).readonly(), debrief: DebriefBody }).meta({ id: 'IncidentDetail' });
const UidParam = z.object({ id: Text.min(1).max(100) });

/**
 * Incidents: declared at one node, shared on the feed under the same distribution rules as
 * signals, with a timeline every holder sees in the same order. Reads go through the
 * viewer's rule; writes are this node's own (its keys), signed into its feed.
 */
export async function incidentRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const clock = deps.clock ?? systemClock;
  const incidents = new IncidentService(deps.store.incidents, deps.config.incidents, () => clock.now());
  const viewerOf = (request: Parameters<typeof viewerOfRequest>[2]) => viewerOfRequest(deps.store, deps.selfPartner, request);

  r.get(
    '/v1/incidents',
    { schema: { summary: 'List incidents', tags, querystring: z.object({ status: z.enum(['open', 'concluded']).optional() }), response: { 200: z.object({ incidents: z.array(IncidentBody) }), ...errorResponses } } },
    async (request) => ({ incidents: await incidents.list(await viewerOf(request), request.query) }),
  );

  r.post(
    '/v1/incidents',
    {
      schema: {
        summary: 'Declare an incident',
        description:
          'Tiers are configuration (incidents.tiers). The checklist must tick each of the four activation criteria, met or not, with a reason; a tier may require some to be met. The incident and its `declared` entry are signed into the feed for the partners the distribution lets it reach.',
        tags,
        body: z.object({
          title: Text.trim().min(3).max(500),
          tier: Text.min(1).max(64),
          criteria: z.array(z.object({ criterion: Text.max(64), met: z.boolean(), reason: Text.max(4000).optional() })).max(8),
          eventAt: Time,
          discoveredAt: Time,
          bankIds: z.array(z.number().int().positive()).max(100).default([]),
          signalUids: z.array(Text.min(1).max(100)).max(1000).default([]),
          externalRefs: z.array(z.object({ protocol: Text.trim().min(1).max(64), id: Text.trim().min(1).max(200) })).max(20).default([]),
          leadProtocol: Text.trim().min(1).max(64).nullable().default(null),
          distribution: Distribution.default('partners'),
        }),
        response: { 201: DetailBody, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await incidents.declare(request.body, actorOf(request))),
  );

  r.get(
    '/v1/incidents/:id',
    { schema: { summary: 'An incident with its timeline and debrief timings', tags, params: UidParam, response: { 200: DetailBody, ...errorResponses } } },
    async (request) => incidents.detail(await viewerOf(request), request.params.id),
  );

  r.post(
    '/v1/incidents/:id/timeline',
    {
      schema: {
        summary: 'Add a note, an action taken or a new variant seen, to the timeline',
        description: 'Written and signed by this node; it travels to the declarer and from there to every partner holding the incident.',
        tags,
        params: UidParam,
        body: z.object({ kind: z.enum(['note', 'action', 'variant']).default('note'), text: Text.trim().min(1).max(4000), eventAt: Time.optional(), discoveredAt: Time.optional() }),
        response: { 201: EntryBody, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await incidents.note(request.params.id, request.body, actorOf(request))),
  );

  r.post(
    '/v1/incidents/:id/join',
    { schema: { summary: 'Declare that this node is working the incident', tags, params: UidParam, body: z.object({ text: Text.trim().max(4000).default('working this incident') }).default({ text: 'working this incident' }), response: { 201: EntryBody, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await incidents.join(request.params.id, request.body.text, actorOf(request))),
  );

  r.post(
    '/v1/incidents/:id/conclude',
    {
      schema: {
        summary: 'Conclude an incident (its declarer only)',
        description: 'Adds `concluded` and a `debrief` entry with the measured timings. Another partner gets INCIDENT_NOT_DECLARER.',
        tags,
        params: UidParam,
        body: z.object({ text: Text.trim().min(1).max(4000).default('concluded') }).default({ text: 'concluded' }),
        response: { 200: DetailBody, ...errorResponses },
      },
    },
    async (request) => incidents.conclude(request.params.id, request.body.text, actorOf(request)),
  );
}
