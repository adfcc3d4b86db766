import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NodeProcess } from '../testing/node-process.js';

let node: NodeProcess | undefined;
after(async () => node?.kill());

/** Concurrent requests open several connections, which the cluster spreads over the workers. */
const statuses = async (n: NodeProcess, key: string, count = 12) =>
  Promise.all(Array.from({ length: count }, async () => (await n.call('GET', '/v1/audit?limit=1', key, undefined)).status));

test('--workers 2: a key revoked through one worker is refused by every worker within a second', async () => {
  node = await NodeProcess.start(mkdtempSync(join(tmpdir(), 'concord-revoke-')), ['--workers', '2']);
  const admin = node.adminKey();
  const created = await node.call('POST', '/v1/keys', admin, { roles: ['auditor'], purpose: 'revocation e2e' });
  assert.equal(created.status, 201);
  const { key, record } = created.json;
  for (let i = 0; i < 3; i++) assert.deepEqual(new Set(await statuses(node, key)), new Set([200]), 'every worker has looked the key up');
  assert.equal((await node.call('POST', `/v1/keys/${record.id}/revoke`, admin, undefined)).status, 200);
  const revokedAt = Date.now();
  let elapsed = 0;
  for (;;) {
    const seen = await statuses(node, key);
    elapsed = Date.now() - revokedAt;
    if (seen.every((s) => s === 401)) break;
    assert.ok(elapsed < 3000, `still accepted ${elapsed} ms after the revocation: ${seen.join(',')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`# every worker refused the revoked key ${elapsed} ms after the revocation answered`);
  assert.ok(elapsed <= 1000, `every worker refused the key ${elapsed} ms after the revocation`);
  // And it stays refused everywhere.
  for (let i = 0; i < 3; i++) assert.deepEqual(new Set(await statuses(node, key)), new Set([401]));
  await node.kill('SIGTERM');
  node = undefined;
});
