import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueApiKey } from '../../auth/issue-api-key.js';
import { ROLES } from '../../domain/roles.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiKeyBody, errorResponses, PartnerBody, Text } from '../api-schemas.js';
import { actorOf } from '../auth.js';
import { ConcordError } from '../../errors/concord-error.js';
import { decodePublicKey, nodeIdFor } from '../../exchange/node-key.js';
import { checkOutboundUrl } from '../../exchange/outbound/outbound-url.js';
import type { SyncCursor } from '../../store/store-cursors.js';

const PartnerId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'lowercase letters, digits, - and _');
const GroupName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _');

const PartnerWithSyncBody = PartnerBody.extend({
  sync: z
    .object({ lastSeq: z.number(), remoteHead: z.number(), lag: z.number(), applied: z.number(), lastSuccessAt: z.string().nullable(), lastError: z.string().nullable(), lastErrorAt: z.string().nullable() })
    .nullable(),
});

const syncView = (c: SyncCursor | undefined) =>
  c ? { lastSeq: c.lastSeq, remoteHead: c.remoteHead, lag: Math.max(0, c.remoteHead - c.lastSeq), applied: c.applied, lastSuccessAt: c.lastSuccessAt, lastError: c.lastError, lastErrorAt: c.lastErrorAt } : null;

/** Partners (organisations) and their API keys. Admin only. */
export async function adminRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get(
    '/v1/partners',
    {
      schema: {
        summary: 'List partner organisations, with the sync state of each partner node',
        description: '`sync.lag` is how many of the partner\'s feed events this node has not applied yet, as of the last contact.',
        tags,
        response: { 200: z.object({ partners: z.array(PartnerWithSyncBody) }), ...errorResponses },
      },
    },
    async () => {
      const [partners, cursors] = await Promise.all([deps.store.listPartners(), deps.store.listSyncCursors()]);
      const byPartner = new Map(cursors.map((c) => [c.partnerId, c]));
      return { partners: partners.map((p) => ({ ...p, sync: syncView(byPartner.get(p.id)) })) };
    },
  );

  r.post(
    '/v1/partners',
    {
      schema: {
        summary: 'Register a partner organisation or partner node',
        description:
          'A partner node is registered by its URL and public key, as `concord identity` prints them on that node; its id is derived from the key unless given. ' +
          'Its feed is pulled from then on, without a restart. An organisation without a node (it uses API keys issued here) needs only an id and a name.',
        tags,
        body: z.object({
          id: PartnerId.optional(),
          name: Text.trim().min(1).max(200),
          url: z.url().nullable().default(null),
          publicKey: Text.max(200).nullable().default(null),
          sharingGroups: z.array(GroupName).default([]),
        }),
        response: { 201: PartnerBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, publicKey, ...rest } = request.body;
      if (publicKey) decodePublicKey(publicKey);
      if (rest.url) checkOutboundUrl(rest.url, 'url');
      const partnerId = id ?? (publicKey ? nodeIdFor(publicKey) : undefined);
      if (!partnerId) throw new ConcordError('REQUEST_INVALID', 'give the partner an `id`, or the `publicKey` of its node to derive one from');
      const created = await deps.store.createPartner({ ...rest, id: partnerId, publicKey, kind: 'partner' }, actorOf(request));
      void deps.sync?.reconcile();
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/v1/partners/:id',
    {
      schema: {
        summary: "Change a partner's URL, public key or sharing groups",
        tags,
        params: z.object({ id: Text.max(200) }),
        body: z.object({ url: z.url().nullable().optional(), publicKey: Text.max(200).nullable().optional(), sharingGroups: z.array(GroupName).optional() }),
        response: { 200: PartnerBody, ...errorResponses },
      },
    },
    async (request) => {
      if (request.body.publicKey) decodePublicKey(request.body.publicKey);
      if (request.body.url) checkOutboundUrl(request.body.url, 'url');
      const updated = await deps.store.updatePartner(request.params.id, request.body, actorOf(request));
      void deps.sync?.reconcile();
      return updated;
    },
  );

  r.get('/v1/keys', { schema: { summary: 'List API keys (never their secrets)', tags, response: { 200: z.object({ keys: z.array(ApiKeyBody) }), ...errorResponses } } }, async () => ({
    keys: await deps.store.listApiKeys(),
  }));

  r.post(
    '/v1/keys',
    {
      schema: {
        summary: 'Create an API key',
        description:
          'The secret is in this response only; the node stores its hash. `purpose` says what the key is for, never whose it is. ' +
          'With `expiresAt` (an ISO time with its zone, in the future) the key is refused with `AUTH_EXPIRED` from then on.',
        tags,
        body: z.object({
          partnerId: Text.max(64).default(deps.selfPartner),
          roles: z.array(z.enum(ROLES)).min(1),
          purpose: Text.trim().max(200).default(''),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: z.object({ key: z.string(), record: ApiKeyBody }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const issued = await issueApiKey(deps.store, request.body, actorOf(request), app.apiKeys.now());
      return reply.status(201).send(issued);
    },
  );

  r.post(
    '/v1/keys/:id/revoke',
    { schema: { summary: 'Revoke an API key', description: 'Refused at once by this process, and within a second by every other process of the node.', tags, params: z.object({ id: Text.max(200) }), response: { 200: ApiKeyBody, ...errorResponses } } },
    async (request) => {
      const revoked = await deps.store.revokeApiKey(request.params.id, actorOf(request));
      // At once in this process; other processes' caches expire within KEY_CACHE_MS.
      app.apiKeys.invalidate();
      return revoked;
    },
  );
}
