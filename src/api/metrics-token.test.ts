import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

const TOKEN = 'scrape-token-0123456789abcdef';

describe('/metrics with a metrics token', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode({ metricsToken: TOKEN });
  });
  after(async () => t.node.close());

  const scrape = (authorization?: string) => t.node.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  test('without the token it is 401 AUTH_MISSING and shows no metric', async () => {
    const res = await scrape();
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'AUTH_MISSING');
    assert.doesNotMatch(res.body, /concord_/);
  });

  test('a wrong token, or an API key of this node, is 401 AUTH_INVALID', async () => {
    for (const given of ['Bearer not-the-token', `Bearer ${TOKEN}x`, `Bearer ${t.adminKey}`]) {
      const res = await scrape(given);
      assert.equal(res.statusCode, 401, given);
      assert.equal(res.json().error.code, 'AUTH_INVALID');
    }
  });

  test('the token gets the Prometheus text', async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /^# TYPE concord_index_signals gauge$/m);
    assert.match(res.body, /route="\/metrics",status="401"/);
  });

  test('/healthz stays open', async () => {
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });
});

describe('a metrics token too short to be a secret', () => {
  test('is refused at start-up', async () => {
    await assert.rejects(startTestNode({ metricsToken: 'short' }), /metricsToken/);
  });
});
