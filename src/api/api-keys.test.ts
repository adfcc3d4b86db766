import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import { waitFor } from '../testing/federation-nodes.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { KEY_CACHE_MS } from './api-key-cache.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'concord-keys-'));
const nodes: ConcordNode[] = [];
after(async () => {
  for (const n of nodes) await n.close();
});

async function node(dataDir: string, extra: Record<string, unknown> = {}, clock?: () => number): Promise<ConcordNode> {
  const n = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', ...extra }), { logger: false, sync: false, clock: clock && { now: clock } });
  nodes.push(n);
  return n;
}

async function call(n: ConcordNode, method: string, url: string, key: string | null, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await n.app.inject({ method: method as 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: res.statusCode, json: res.json() };
}

const adminKeyOf = (dataDir: string) => readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();

async function createKey(n: ConcordNode, admin: string, body: Record<string, unknown>): Promise<{ key: string; record: any }> {
  const res = await call(n, 'POST', '/v1/keys', admin, body);
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

describe('revocation in the revoking process', () => {
  test('a revoked key is refused on its very next request, even though it was just looked up', async () => {
    const dir = tmp();
    const n = await node(dir);
    const admin = adminKeyOf(dir);
    const { key, record } = await createKey(n, admin, { roles: ['auditor'], purpose: 'audit desk' });
    assert.equal((await call(n, 'GET', '/v1/audit', key)).status, 200, 'the key works, and its lookup is now cached');
    assert.equal((await call(n, 'POST', `/v1/keys/${record.id}/revoke`, admin)).status, 200);
    const refused = await call(n, 'GET', '/v1/audit', key);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error.code, 'AUTH_INVALID');
  });

  test('a just-revoked admin key cannot create another admin key, and nothing is stored', async () => {
    const dir = tmp();
    const n = await node(dir);
    const admin = adminKeyOf(dir);
    const second = await createKey(n, admin, { roles: ['admin'], purpose: 'second admin' });
    assert.equal((await call(n, 'GET', '/v1/keys', second.key)).status, 200);
    assert.equal((await call(n, 'POST', `/v1/keys/${second.record.id}/revoke`, admin)).status, 200);
    const before = (await n.store.listApiKeys()).length;
    const res = await call(n, 'POST', '/v1/keys', second.key, { roles: ['admin'], purpose: 'escalation' });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'AUTH_INVALID');
    assert.equal((await n.store.listApiKeys()).length, before, 'no key was created');
  });
});

describe('key expiry', () => {
  test('a key is refused with AUTH_EXPIRED from its expiry on, and the key list shows the expiry', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const dir = tmp();
    const n = await node(dir, {}, () => now);
    const admin = adminKeyOf(dir);
    const { key, record } = await createKey(n, admin, { roles: ['auditor'], expiresAt: '2030-01-01T01:00:00Z' });
    assert.equal(record.expiresAt, '2030-01-01T01:00:00.000Z');
    const listed = (await call(n, 'GET', '/v1/keys', admin)).json.keys.find((k: { id: string }) => k.id === record.id);
    assert.equal(listed.expiresAt, '2030-01-01T01:00:00.000Z');
    assert.equal((await call(n, 'GET', '/v1/audit', key)).status, 200);
    now = Date.parse('2030-01-01T00:59:59Z');
    assert.equal((await call(n, 'GET', '/v1/audit', key)).status, 200, 'still valid a second before');
    now = Date.parse('2030-01-01T01:00:00Z');
    const refused = await call(n, 'GET', '/v1/audit', key);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error.code, 'AUTH_EXPIRED');
    assert.match(refused.json.error.message, /expired at 2030-01-01T01:00:00\.000Z/);
  });

  test('an expiry in the past or without a zone is refused and creates no key', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const dir = tmp();
    const n = await node(dir, {}, () => now);
    const admin = adminKeyOf(dir);
    const before = (await n.store.listApiKeys()).length;
    const past = await call(n, 'POST', '/v1/keys', admin, { roles: ['matcher'], expiresAt: '2029-12-31T23:59:59Z' });
    assert.equal(past.status, 400);
    assert.equal(past.json.error.code, 'REQUEST_INVALID');
    assert.match(past.json.error.message, /not in the future/);
    const zoneless = await call(n, 'POST', '/v1/keys', admin, { roles: ['matcher'], expiresAt: '2030-06-01T00:00:00' });
    assert.equal(zoneless.status, 400);
    assert.equal(zoneless.json.error.code, 'REQUEST_INVALID');
    assert.equal((await n.store.listApiKeys()).length, before);
  });
});

/** Two nodes on one database: each holds its own key cache, as worker processes do. */
async function revokedElsewhereWithinASecond(a: ConcordNode, b: ConcordNode, admin: string): Promise<void> {
  const { key, record } = await createKey(a, admin, { roles: ['auditor'] });
  assert.equal((await call(b, 'GET', '/v1/audit', key)).status, 200, 'the other node has looked the key up');
  assert.equal((await call(a, 'POST', `/v1/keys/${record.id}/revoke`, admin)).status, 200);
  const started = Date.now();
  const ms = await waitFor('the other node to refuse the revoked key', async () => (await call(b, 'GET', '/v1/audit', key)).status === 401, 3000);
  const total = Date.now() - started;
  assert.ok(total <= 1000, `refused after ${total} ms (poll ${ms} ms, cache ${KEY_CACHE_MS} ms); the promise is within 1 s`);
  assert.equal((await call(b, 'GET', '/v1/audit', key)).json.error.code, 'AUTH_INVALID');
}

describe('revocation across processes sharing the database', () => {
  test('SQLite: another node on the same file refuses a revoked key within a second', async () => {
    const dir = tmp();
    const a = await node(dir);
    const b = await node(dir);
    await revokedElsewhereWithinASecond(a, b, adminKeyOf(dir));
  });

  describe('PostgreSQL', () => {
    let pg: PostgresServer;
    before(async () => {
      pg = await PostgresServer.start();
    });
    after(async () => pg.stop());

    test('another node on the same database refuses a revoked key within a second', async () => {
      const db = await pg.createDatabase('keys');
      const dirA = tmp();
      const a = await node(dirA, { db });
      const dirB = tmp();
      copyFileSync(join(dirA, 'node.key'), join(dirB, 'node.key'));
      const b = await node(dirB, { db });
      await revokedElsewhereWithinASecond(a, b, adminKeyOf(dirA));
    });
  });
});
