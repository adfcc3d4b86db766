import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from './api-test-node.test-helper.js';

/** Rate limits: a bucket per known key, one per address for everyone else, health exempt. */
describe('rate limits', () => {
  const LIMIT = 3;
  let t: TestNode;
  before(async () => {
    t = await startTestNode({ rateLimitPerMinute: LIMIT });
  });
  after(async () => t.node.close());

  const get = (url: string, from: string, key?: string) =>
    t.node.app.inject({ method: 'GET', url, remoteAddress: from, headers: key ? { authorization: `Bearer ${key}` } : {} });

  test('an anonymous client that exhausts its bucket gets 429 with the retry time, and the same address is limited on any route', async () => {
    const from = '198.51.100.1';
    for (let i = 0; i < LIMIT; i++) assert.equal((await get('/v1/identity', from)).statusCode, 200);
    const limited = await get('/v1/identity', from);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
    assert.match(limited.json().error.message, /over 3 requests per minute .*; retry in \d+ s/);
    assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After header');
    assert.equal((await get('/v1/banks', from)).statusCode, 429, 'anonymous calls to protected routes share the bucket');
  });

  test('one anonymous client does not starve another address, nor /healthz and /metrics for anyone', async () => {
    const flooder = '198.51.100.2';
    for (let i = 0; i < LIMIT + 2; i++) await get('/v1/identity', flooder);
    assert.equal((await get('/v1/identity', flooder)).statusCode, 429);
    assert.equal((await get('/v1/identity', '198.51.100.3')).statusCode, 200, 'another address has its own bucket');
    for (let i = 0; i < LIMIT * 3; i++) {
      assert.equal((await get('/healthz', flooder)).statusCode, 200, 'health is exempt');
      assert.equal((await get('/metrics', flooder)).statusCode, 200, 'metrics are exempt');
    }
  });

  test('fresh bogus keys share their address bucket instead of getting one each', async () => {
    const from = '198.51.100.4';
    for (let i = 0; i < LIMIT; i++) {
      const res = await get('/v1/banks', from, `ck_kbogus${i}_${'x'.repeat(43)}`);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'AUTH_INVALID');
    }
    const limited = await get('/v1/banks', from, 'ck_kbogusnext_yyyy');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
  });

  test('a known key has its own bucket, whatever address it comes from', async () => {
    const key = await t.keyFor('auditor');
    const from = '198.51.100.5';
    for (let i = 0; i < LIMIT + 1; i++) await get('/v1/identity', from);
    assert.equal((await get('/v1/identity', from)).statusCode, 429, 'the address is exhausted');
    for (let i = 0; i < LIMIT; i++) assert.equal((await get('/v1/banks', i % 2 ? from : `198.51.100.${50 + i}`, key)).statusCode, 200, 'the key still has its bucket');
    const limited = await get('/v1/banks', '198.51.100.99', key);
    assert.equal(limited.statusCode, 429, 'and it is one bucket across addresses');
    assert.match(limited.json().error.message, /retry in \d+ s/);
  });
});
