import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { viewerOfRequest } from '../../access/viewer-of.js';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-schemas.js';
import { AlertBody } from './alert-routes.js';

/** GET /v1/alerts/{uid}: one alert, under the viewer's distribution rule as the list is. */
export async function alertDetailRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/alerts/:uid',
    {
      schema: {
        summary: 'Get one alert',
        description: 'The alert with its details, if the caller may see it (the same rule as GET /v1/alerts); ALERT_NOT_FOUND otherwise.',
        tags: ['alerts'],
        params: z.object({ uid: z.string().min(1).max(200) }),
        response: { 200: AlertBody, ...errorResponses },
      },
    },
    async (request) => {
      if (!deps.earlyWarning) throw new ConcordError('NOT_FOUND', 'this node runs without the alerts module');
      const viewer = await viewerOfRequest(deps.store, deps.selfPartner, request);
      const a = await deps.earlyWarning.alerts.get(viewer, request.params.uid);
      return { ...a, signalUids: [...a.signalUids], details: { ...a.details } };
    },
  );
}
