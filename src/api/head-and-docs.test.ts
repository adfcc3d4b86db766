import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';
import { ROUTE_ROLES } from './route-permissions.js';

const GET_ROUTES = Object.keys(ROUTE_ROLES)
  .filter((r) => r.startsWith('GET '))
  .map((r) => r.slice(4).replace(':id', '1'));

describe('HEAD and the API docs', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode();
  });
  after(async () => t.node.close());

  test('HEAD on every protected GET route without a key is 401 AUTH_MISSING, like GET, and shows no stack', async () => {
    assert.ok(GET_ROUTES.length > 10);
    for (const url of GET_ROUTES) {
      const head = await t.node.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 401, `HEAD ${url}`);
      assert.doesNotMatch(head.body, /at .*\.js:\d+/, `HEAD ${url} leaks no stack`);
      const get = await t.node.app.inject({ method: 'GET', url });
      assert.equal(get.statusCode, 401, `GET ${url}`);
      assert.equal(get.json().error.code, 'AUTH_MISSING');
    }
  });

  test('HEAD needs the same role as GET and answers as GET does', async () => {
    const matcher = await t.keyFor('matcher');
    const auditor = await t.keyFor('auditor');
    const asMatcher = await t.node.app.inject({ method: 'HEAD', url: '/v1/audit', headers: { authorization: `Bearer ${matcher}` } });
    assert.equal(asMatcher.statusCode, 403, 'a matcher may not GET the audit log, so not HEAD it either');
    const asAuditor = await t.node.app.inject({ method: 'HEAD', url: '/v1/audit', headers: { authorization: `Bearer ${auditor}` } });
    assert.equal(asAuditor.statusCode, 200);
    assert.equal(asAuditor.body, '');
  });

  test('the browsable API page, its JSON and its static assets are served without a key', async () => {
    for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/swagger-ui.css', '/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-initializer.js']) {
      const res = await t.node.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, `GET ${url}: ${res.body.slice(0, 120)}`);
    }
    const doc = (await t.node.app.inject({ method: 'GET', url: '/docs/json' })).json();
    assert.ok(doc.paths['/v1/keys'], 'the JSON is the OpenAPI document');
    assert.equal((await t.node.app.inject({ method: 'HEAD', url: '/docs/json' })).statusCode, 200);
  });
});
