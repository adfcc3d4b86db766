import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';

/** GET /v1/me: what the calling key is (its organisation and roles), so a client can offer only what it may do. */
export async function meRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      schema: {
        summary: 'The calling key: its id, partner organisation and roles',
        tags: ['admin'],
        response: {
          200: z.object({ keyId: z.string(), partnerId: z.string(), node: z.string(), roles: z.array(z.enum(ROLES)).readonly(), expiresAt: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const key = request.apiKey;
      if (!key) throw new ConcordError('AUTH_MISSING');
      return { keyId: key.id, partnerId: key.partnerId, node: deps.selfPartner, roles: key.roles, expiresAt: key.expiresAt };
    },
  );
}
