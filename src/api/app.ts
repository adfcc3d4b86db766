import { createHash, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ConcordError } from '../errors/concord-error.js';
import { systemClock } from '../util/clock.js';
import type { ApiDeps } from './api-deps.js';
import { ApiKeyCache } from './api-key-cache.js';
import { authHook, bearerKeyHash, isUsableKey } from './auth.js';
import { recordRoutes, viewerPolicyHook } from '../access/route-viewer-policy.js';
import { errorHandler } from './error-handler.js';
import { adminRoutes } from './routes/admin-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { bankExportRoutes } from './routes/bank-export-routes.js';
import { bankRoutes } from './routes/bank-routes.js';
import { consoleRoutes, sendPage } from './routes/console-routes.js';
import { ConsoleFiles, isConsolePath } from './console/console-files.js';
import { meRoutes } from './routes/me-routes.js';
import { signalListRoutes } from './routes/signal-list-routes.js';
import { hashRoutes } from './routes/hash-routes.js';
import { incidentRoutes } from './routes/incident-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { matchRoutes } from './routes/match-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { monitorRoutes } from './routes/monitor-routes.js';
import { signalRoutes } from './routes/signal-routes.js';
import { taxiiRoutes } from './routes/taxii-routes.js';
import { registerUploads } from './upload-budget.js';
import { feedRoutes } from './routes/feed-routes.js';
import { syncRoutes } from './routes/sync-routes.js';
import { referralRoutes } from './routes/referral-routes.js';
import { actionRoutes } from './routes/action-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { alertDetailRoutes } from './routes/alert-detail-routes.js';
import { clusterRoutes } from './routes/cluster-routes.js';
import { coordinationChoicesRoutes } from './routes/coordination-choices-routes.js';

/** Routes no rate limit applies to: liveness probes and scrapers must get through a flood. */
const RATE_EXEMPT = new Set(['/healthz', '/metrics']);

/**
 * Builds the HTTP API of one node. Tests call this and use `inject()`; `concord serve` listens.
 * `deps.clock` decides key expiry, so tests can move time.
 */
export async function buildApp(deps: ApiDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const source = deps.clock ?? systemClock;
  const clock = () => source.now();
  const app = Fastify({
    // Request logs would hold callers' addresses; Concord keeps none. Latency goes to /metrics instead.
    logger: options.logger === false ? false : { level: deps.config.logLevel, serializers: { req: (req) => ({ method: req.method, url: req.url }) } },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.maxBodyBytes,
    // Never trust a client's claim of its address; we keep none anyway.
    trustProxy: false,
  });
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const consoleFiles = ConsoleFiles.load();
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // A client-side route of the web console, reloaded or bookmarked: the console's page answers.
    if ((request.method === 'GET' || request.method === 'HEAD') && isConsolePath(path, request.headers.accept) && consoleFiles.index) return void sendPage(reply, consoleFiles);
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
  const keys = new ApiKeyCache(deps.store, clock);
  app.decorate('apiKeys', keys);
  // Addresses only ever appear salted and hashed, in memory, for one rate-limit window.
  const addressSalt = randomBytes(16);
  await app.register(rateLimit, {
    global: false,
    max: deps.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // A known, usable key has its own bucket, by its id (only its holder can send its
    // secret). Anonymous callers and unknown, revoked or expired keys share their
    // address's bucket, so neither a flood of fresh bogus keys nor of anonymous calls
    // gets a bucket each, and one anonymous client cannot drain everyone else's.
    keyGenerator: async (request) => {
      if (RATE_EXEMPT.has(request.routeOptions.url ?? '')) return 'exempt';
      const hash = bearerKeyHash(request);
      // With the database down, auth answers STORE_UNAVAILABLE; public routes still get the address bucket.
      const key = hash === undefined ? undefined : await keys.find(hash).catch(() => undefined);
      if (key && isUsableKey(key, clock())) return `key:${key.id}`;
      return `addr:${createHash('sha256').update(addressSalt).update(request.ip).digest('base64url')}`;
    },
    allowList: (request) => RATE_EXEMPT.has(request.routeOptions.url ?? ''),
    // The plugin throws what this returns; a ConcordError reaches the error handler intact.
    errorResponseBuilder: (_request, context) =>
      new ConcordError('RATE_LIMITED', `over ${context.max} requests per minute for this key or address; retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`),
  });
  // Global hooks run in the order added: the limit applies before auth, so it also holds for
  // calls that auth would refuse.
  app.addHook('onRequest', app.rateLimit());
  app.addHook('onRequest', authHook(deps.store, deps.selfPartner, keys, clock));
  app.addHook('preValidation', viewerPolicyHook(deps.selfPartner));
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.requestSeconds.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const routes of [feedRoutes, hashRoutes, matchRoutes, bankRoutes, bankExportRoutes, signalRoutes, signalListRoutes, meRoutes, adminRoutes, auditRoutes, healthRoutes, taxiiRoutes, syncRoutes, reportRoutes, incidentRoutes, referralRoutes, alertRoutes, alertDetailRoutes, clusterRoutes, actionRoutes, monitorRoutes, coordinationChoicesRoutes]) {
    await app.register(async (scope) => routes(scope, deps));
  }
  await app.register(async (scope) => consoleRoutes(scope, deps, consoleFiles));
  return app;
}
