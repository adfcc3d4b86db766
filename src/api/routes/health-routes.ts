import type { FastifyInstance } from 'fastify';
import { ConcordError } from '../../errors/concord-error.js';
import type { ApiDeps } from '../api-deps.js';

/** Liveness with a database check, and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get('/healthz', { schema: { summary: 'Health: the database answers and the index is loaded', tags: ['health'] } }, async () => {
    try {
      await deps.store.latestChangeSeq();
    } catch (err) {
      throw err instanceof ConcordError ? err : new ConcordError('STORE_UNAVAILABLE');
    }
    return { status: 'ok', store: deps.store.dialect, index: deps.index.sizes() };
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
