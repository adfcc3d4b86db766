import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INCIDENT_CRITERIA } from '../../config/incident-config.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';

/**
 * What the coordination forms offer as choices, readable by the roles that fill them in
 * (GET /v1/partners and the node configuration are an admin's): the incident tiers this
 * node is configured with, and the partner nodes it federates with, by id and name only.
 */
export async function coordinationChoicesRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/incident-tiers',
    {
      schema: {
        summary: 'The incident tiers this node accepts',
        description: 'Tier names are configuration (`incidents.tiers`), in the configured order: `tier` is the name a declaration gives, `requires` the activation criteria that must be met to declare at that tier.',
        tags: ['incidents'],
        response: { 200: z.object({ tiers: z.array(z.object({ tier: z.string(), requires: z.array(z.enum(INCIDENT_CRITERIA)) })) }), ...errorResponses },
      },
    },
    async () => ({ tiers: deps.config.incidents.tiers.map((t) => ({ tier: t.name, requires: [...t.requires] })) }),
  );
  r.get(
    '/v1/partner-nodes',
    {
      schema: {
        summary: 'The partner nodes this node federates with: ids and names',
        description:
          'The partners registered with a node (a public key), which referrals can be sent to, sorted by name. Only `id` and `name`: no URL, key or sync state (GET /v1/partners has those, for admins and auditors). ' +
          'Which nodes this node federates with is its own administration: a key issued to a partner organisation is refused.',
        tags: ['referrals'],
        response: { 200: z.object({ partners: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errorResponses },
      },
    },
    async () => {
      const partners = (await deps.store.listPartners()).filter((p) => p.kind === 'partner' && p.publicKey !== null);
      return { partners: partners.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
    },
  );
}
