import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readSyncStatus } from '../../exchange/sync/sync-status.js';
import { systemClock } from '../../util/clock.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';

const SyncStatusBody = z.object({
  leader: z.object({ holder: z.string(), pid: z.number(), acquiredAt: z.string(), renewedAt: z.string(), expiresAt: z.string(), live: z.boolean() }).nullable(),
  thisProcessLeads: z.boolean(),
  partners: z.array(
    z.object({
      partner: z.string(),
      name: z.string(),
      url: z.string().nullable(),
      lastSeq: z.number(),
      remoteHead: z.number(),
      lag: z.number(),
      applied: z.number(),
      lastSuccessAt: z.string().nullable(),
      lastError: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
      stalled: z.boolean(),
    }),
  ),
  problems: z.array(z.string()),
});

/** `GET /v1/sync`: which process leads, each partner node's position and lag, and what is wrong. */
export async function syncRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/sync',
    {
      schema: {
        summary: 'Sync state: the leader process, each partner node\'s lag and last error',
        description: 'One process of the node (the holder of the sync lease) pulls partners\' feeds. `stalled` means no successful contact for `syncStallMs`: the lag shown is as of `lastSuccessAt`.',
        tags: ['admin'],
        response: { 200: SyncStatusBody, ...errorResponses },
      },
    },
    async () => {
      const status = await readSyncStatus(deps.store, (deps.clock ?? systemClock).now(), deps.config.syncStallMs);
      return { leader: status.leader, thisProcessLeads: deps.election?.isLeader ?? false, partners: [...status.partners], problems: [...status.problems] };
    },
  );
}
