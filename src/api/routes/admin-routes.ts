import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newApiKey } from '../../auth/api-key.js';
import { ROLES } from '../../domain/roles.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiKeyBody, errorResponses, PartnerBody } from '../api-schemas.js';
import { actorOf } from '../auth.js';

const PartnerId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'lowercase letters, digits, - and _');

/** Partners (organisations) and their API keys. Admin only. */
export async function adminRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get('/v1/partners', { schema: { summary: 'List partner organisations', tags, response: { 200: z.object({ partners: z.array(PartnerBody) }), ...errorResponses } } }, async () => ({
    partners: await deps.store.listPartners(),
  }));

  r.post(
    '/v1/partners',
    {
      schema: {
        summary: 'Register a partner organisation',
        tags,
        body: z.object({
          id: PartnerId,
          name: z.string().trim().min(1).max(200),
          url: z.url().nullable().default(null),
          publicKey: z.string().max(200).nullable().default(null),
          sharingGroups: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)).default([]),
        }),
        response: { 201: PartnerBody, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await deps.store.createPartner({ ...request.body, kind: 'partner' }, actorOf(request))),
  );

  r.get('/v1/keys', { schema: { summary: 'List API keys (never their secrets)', tags, response: { 200: z.object({ keys: z.array(ApiKeyBody) }), ...errorResponses } } }, async () => ({
    keys: await deps.store.listApiKeys(),
  }));

  r.post(
    '/v1/keys',
    {
      schema: {
        summary: 'Create an API key',
        description: 'The secret is in this response only; the node stores its hash. `purpose` says what the key is for, never whose it is.',
        tags,
        body: z.object({ partnerId: z.string().default(deps.selfPartner), roles: z.array(z.enum(ROLES)).min(1), purpose: z.string().trim().max(200).default('') }),
        response: { 201: z.object({ key: z.string(), record: ApiKeyBody }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const fresh = newApiKey();
      const record = await deps.store.createApiKey({ id: fresh.id, partnerId: request.body.partnerId, keyHash: fresh.hash, roles: request.body.roles, purpose: request.body.purpose }, actorOf(request));
      return reply.status(201).send({ key: fresh.key, record });
    },
  );

  r.post(
    '/v1/keys/:id/revoke',
    { schema: { summary: 'Revoke an API key', tags, params: z.object({ id: z.string() }), response: { 200: ApiKeyBody, ...errorResponses } } },
    async (request) => deps.store.revokeApiKey(request.params.id, actorOf(request)),
  );
}
