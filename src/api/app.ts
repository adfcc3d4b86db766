import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ConcordError } from '../errors/concord-error.js';
import type { ApiDeps } from './api-deps.js';
import { authHook } from './auth.js';
import { errorHandler } from './error-handler.js';
import { adminRoutes } from './routes/admin-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { bankExportRoutes } from './routes/bank-export-routes.js';
import { bankRoutes } from './routes/bank-routes.js';
import { hashRoutes } from './routes/hash-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { matchRoutes } from './routes/match-routes.js';
import { signalRoutes } from './routes/signal-routes.js';
import { taxiiRoutes } from './routes/taxii-routes.js';
import { registerUploads } from './upload-budget.js';
import { feedRoutes } from './routes/feed-routes.js';

/** Builds the HTTP API of one node. Tests call this and use `inject()`; `concord serve` listens. */
export async function buildApp(deps: ApiDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Request logs would hold callers' addresses; Concord keeps none. Latency goes to /metrics instead.
    logger: options.logger === false ? false : { level: deps.config.logLevel, serializers: { req: (req) => ({ method: req.method, url: req.url }) } },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.maxBodyBytes,
    // Never trust a client's claim of its address; we keep none anyway.
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: new ConcordError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).toJSON() });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Concord node API', version: '1', description: 'Hash, match and curate signals of terrorist and violent extremist content. Errors: docs/errors.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await registerUploads(app, deps.config);
  await app.register(rateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Per API key, by a hash of the whole header: keying on the key's public id would let
    // anyone who knows an id drain that key's bucket with forged secrets.
    keyGenerator: (request) => createHash('sha256').update(request.headers.authorization ?? '').digest('base64url'),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `over ${context.max} requests per minute for this key; retry in ${Math.ceil(context.ttl / 1000)} s` },
    }),
  });
  app.addHook('onRequest', authHook(deps.store, deps.selfPartner));
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.requestSeconds.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const routes of [feedRoutes, hashRoutes, matchRoutes, bankRoutes, bankExportRoutes, signalRoutes, adminRoutes, auditRoutes, healthRoutes, taxiiRoutes]) {
    await app.register(async (scope) => routes(scope, deps));
  }
  return app;
}
