import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES } from '../domain/roles.js';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';
import { PEER_ROUTES, PUBLIC_ROUTES, ROUTE_ROLES } from './route-permissions.js';

let t: TestNode;
const keys: Record<string, string> = {};
before(async () => {
  t = await startTestNode();
  for (const role of ROLES) keys[role] = await t.keyFor(role);
});
after(async () => t.node.close());

const concrete = (route: string) => route.split(' ')[1]!.replace(':id', '1');
const method = (route: string) => route.split(' ')[0]!;

test('every route in the OpenAPI document is in the authorisation matrix or public', async () => {
  const doc = (await t.call('GET', '/openapi.json', null)).json;
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  assert.ok(documented.length >= 15);
  for (const route of documented) assert.ok(ROUTE_ROLES[route] || PUBLIC_ROUTES.has(route) || PEER_ROUTES.has(route), `${route} has no entry in ROUTE_ROLES`);
  for (const route of Object.keys(ROUTE_ROLES)) assert.ok(documented.includes(route), `${route} is in the matrix but not served`);
});

for (const route of Object.keys(ROUTE_ROLES)) {
  test(`${route}: 401 without a key or with an unknown one`, async () => {
    assert.equal((await t.call(method(route), concrete(route), null, {})).json.error.code, 'AUTH_MISSING');
    assert.equal((await t.call(method(route), concrete(route), 'ck_knope_bogus', {})).json.error.code, 'AUTH_INVALID');
  });
  for (const role of ROLES) {
    const allowed = ROUTE_ROLES[route]!.includes(role);
    test(`${route} as ${role}: ${allowed ? 'allowed' : '403'}`, async () => {
      const res = await t.call(method(route), concrete(route), keys[role]!, {});
      if (allowed) {
        assert.ok(res.status !== 401 && res.status !== 403, `expected to pass authorisation, got ${res.status} ${JSON.stringify(res.json)}`);
      } else {
        assert.equal(res.status, 403);
        assert.equal(res.json.error.code, 'FORBIDDEN');
      }
    });
  }
}

for (const route of PEER_ROUTES) {
  test(`${route}: partner nodes only; no API key of any role opens it`, async () => {
    assert.equal((await t.call(method(route), concrete(route), null)).json.error.code, 'PEER_AUTH_INVALID');
    for (const role of ROLES) {
      const res = await t.call(method(route), concrete(route), keys[role]!);
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'PEER_AUTH_INVALID');
    }
  });
}

test('a revoked key is refused', async () => {
  const key = await t.keyFor('matcher');
  const id = key.split('_')[1]!;
  assert.equal((await t.call('POST', `/v1/keys/${id}/revoke`, t.adminKey)).status, 200);
  // Give the 5 s key cache no chance: a fresh node process would see it at once; here we wait it out.
  await new Promise((r) => setTimeout(r, 5100));
  assert.equal((await t.call('POST', '/v1/match', key, { signals: [{ type: 'md5', value: '0'.repeat(32) }] })).json.error.code, 'AUTH_INVALID');
});
