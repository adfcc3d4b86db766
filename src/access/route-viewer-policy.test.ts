import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { ApiKeyRecord } from '../store/store.js';
import { ConcordError } from '../errors/concord-error.js';
import { recordRoutes, routeTableOf, viewerPolicyHook } from './route-viewer-policy.js';

const key = (partnerId: string): ApiKeyRecord => ({ id: 'k1', partnerId, roles: ['admin'], purpose: '', createdAt: '', revokedAt: null, expiresAt: null });

/** A real Fastify app with the hook, a route with a policy, and one without. */
async function appFor(partnerId: string) {
  const app = Fastify();
  recordRoutes(app);
  app.setErrorHandler((err, _request, reply) => {
    const coded = err instanceof ConcordError ? err : new ConcordError('INTERNAL', String(err));
    void reply.status(coded.status).send({ error: coded.toJSON() });
  });
  app.addHook('onRequest', async (request) => {
    request.apiKey = key(partnerId);
  });
  app.addHook('preValidation', viewerPolicyHook('self-node'));
  app.get('/v1/banks', async () => ({ banks: [] }));
  app.get('/v1/keys', async () => ({ keys: [] }));
  app.get('/v1/forgotten', async () => ({ secret: true }));
  await app.ready();
  return app;
}

test("a partner's key is refused on node-only routes and on a route without a viewer policy; the node's own key is not", async () => {
  const partner = await appFor('p-eu');
  assert.equal((await partner.inject({ url: '/v1/banks' })).statusCode, 200);
  for (const url of ['/v1/keys', '/v1/forgotten']) {
    const res = await partner.inject({ url });
    assert.equal(res.statusCode, 403, url);
    assert.equal(res.json().error.code, 'FORBIDDEN');
  }
  const own = await appFor('self-node');
  assert.equal((await own.inject({ url: '/v1/forgotten' })).statusCode, 200);
  assert.deepEqual(
    routeTableOf(own).filter((r) => r.method === 'GET').map((r) => r.url),
    ['/v1/banks', '/v1/keys', '/v1/forgotten'],
    'the route table records every route as it is added',
  );
  await Promise.all([partner.close(), own.close()]);
});
