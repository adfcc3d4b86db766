import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import { TestSite } from './monitor-test-node.test-helper.js';

let node: ConcordNode;
let site: TestSite;
let adminKey: string;

before(async () => {
  site = new TestSite();
  await site.start();
  site.set('/board', { body: '<html><p>quiet board</p></html>' });
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-monitor-job-'));
  // A real node with the leader election on, as `concord serve` runs it.
  node = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', syncLeaseRetryMs: 100, monitor: { contact: 'monitor-team@example.org', tickMs: 100, perHostIntervalMs: 0 } }), { logger: false });
  adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
});
after(async () => {
  await node?.close();
  await site?.stop();
});

test('inside a serving node, the leader runs due sources on its own (the source-monitor leader job)', async () => {
  const res = await node.app.inject({ method: 'POST', url: '/v1/sources', headers: { authorization: `Bearer ${adminKey}` }, payload: { url: `${site.url}/board`, kind: 'html', reason: 'outlet of a designated entity', label: 'branded_propaganda_designated_entity', localTestSite: true } });
  assert.equal(res.statusCode, 201);
  const id = res.json().id as number;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const source = await node.store.monitor.getSource(id);
    if (source?.lastCheckedAt) {
      assert.equal(source.lastError, null);
      break;
    }
    assert.ok(Date.now() < deadline, 'the source was checked by the leader job within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(site.hits('/board') >= 1);
  assert.ok(node.leaderJobs?.active, 'this process leads');
});

test('two processes of one node: only the one holding the lease fetches; a due source is checked once, not once per process', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-monitor-two-'));
  const config = () => parseNodeConfig({ dataDir, logLevel: 'silent', syncLeaseRetryMs: 100, monitor: { contact: 'monitor-team@example.org', tickMs: 50, perHostIntervalMs: 0 } });
  const one = await createNode(config(), { logger: false });
  const two = await createNode(config(), { logger: false });
  const slow = new TestSite();
  await slow.start();
  try {
    // The board answers slowly: two processes running rounds would both take it as due before either has finished it.
    slow.set('/slow-board', { handler: (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><p>slow board</p></html>'), 1000) });
    const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    const res = await two.app.inject({ method: 'POST', url: '/v1/sources', headers: { authorization: `Bearer ${admin}` }, payload: { url: `${slow.url}/slow-board`, kind: 'html', reason: 'outlet of a designated entity', label: 'branded_propaganda_designated_entity', localTestSite: true } });
    assert.equal(res.statusCode, 201);
    const id = res.json().id as number;
    const deadline = Date.now() + 15_000;
    while (!(await one.store.monitor.getSource(id))?.lastCheckedAt) {
      assert.ok(Date.now() < deadline, 'the source was checked within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    // Several more ticks of both processes.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(slow.hits('/slow-board'), 1);
    assert.deepEqual([one.leaderJobs?.active, two.leaderJobs?.active].filter(Boolean).length, 1, 'one process leads');
  } finally {
    await two.close();
    await one.close();
    await slow.stop();
  }
});
