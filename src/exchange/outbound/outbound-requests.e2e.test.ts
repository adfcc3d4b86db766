import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { partnerSync, startFedNode, waitFor, type FedNode } from '../../testing/federation-nodes.js';
import { packageRoot } from '../../util/package-root.js';
import { NodeKey, nodeIdFor } from '../node-key.js';

const SECRET = 'internal-admin-panel-token-91c2';
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

/**
 * A real node whose partner URL points at a server that redirects to an "internal"
 * service, and one that fails with a chatty body. Neither body may reach what auditors read.
 */
describe('outbound requests of a real node', () => {
  let node: FedNode;
  let internal: Server;
  let redirector: Server;
  let chatty: Server;
  let internalHits = 0;
  // The partner records without their sync state, which moves on its own.
  const partners = async () =>
    ((await node.proc.call('GET', '/v1/partners', node.key)).json.partners as { id: string; url: string | null; sync: unknown }[]).map(({ sync: _sync, ...p }) => p);

  before(async () => {
    internal = createServer((_req, res) => {
      internalHits++;
      res.end(`{"secret":"${SECRET}"}`);
    });
    redirector = createServer((req, res) => {
      res.writeHead(307, { location: `${urlOf(internal)}${req.url}` });
      res.end();
    });
    chatty = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`stack trace with ${SECRET}`);
    });
    await Promise.all([internal, redirector, chatty].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
    node = await startFedNode('Outbound');
  });
  after(async () => {
    await node?.proc.kill();
    await Promise.all([internal, redirector, chatty].map((s) => new Promise((r) => s.close(r))));
  });

  test('a partner URL that redirects is not followed: the stored error has a code and none of the target\'s body', async () => {
    const key = NodeKey.generate().publicKey;
    const res = await node.proc.call('POST', '/v1/partners', node.key, { name: 'Redirecting', url: urlOf(redirector), publicKey: key });
    assert.equal(res.status, 201);
    const id = nodeIdFor(key);
    await waitFor('the redirect is recorded as a sync error', async () => /^OUTBOUND_REDIRECT_REFUSED: /.test((await partnerSync(node, id))?.lastError ?? ''));
    const sync = (await partnerSync(node, id))!;
    assert.doesNotMatch(sync.lastError!, new RegExp(SECRET));
    assert.equal(internalHits, 0, 'the internal service was never called');
    const status = (await node.proc.call('GET', '/v1/sync', node.key)).json;
    assert.match(status.partners.find((p: { partner: string }) => p.partner === id).lastError, /^OUTBOUND_REDIRECT_REFUSED/);
  });

  test('a partner that fails with a body: the stored error says the status, never the body', async () => {
    const key = NodeKey.generate().publicKey;
    assert.equal((await node.proc.call('POST', '/v1/partners', node.key, { name: 'Chatty', url: urlOf(chatty), publicKey: key })).status, 201);
    const id = nodeIdFor(key);
    await waitFor('the failure is recorded', async () => /^PARTNER_UNREACHABLE: .*HTTP 500/.test((await partnerSync(node, id))?.lastError ?? ''));
    assert.doesNotMatch((await partnerSync(node, id))!.lastError!, new RegExp(SECRET));
  });

  for (const bad of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_GET', 'javascript:alert(1)']) {
    test(`POST and PATCH /v1/partners refuse ${bad} with OUTBOUND_URL_REFUSED, and store nothing`, async () => {
      const before = await partners();
      const created = await node.proc.call('POST', '/v1/partners', node.key, { name: `Bad ${bad}`, url: bad, publicKey: NodeKey.generate().publicKey });
      assert.equal(created.status, 422, JSON.stringify(created.json));
      assert.equal(created.json.error.code, 'OUTBOUND_URL_REFUSED');
      assert.deepEqual(await partners(), before);
      const target = before.find((p) => p.url)!;
      const patched = await node.proc.call('PATCH', `/v1/partners/${target.id}`, node.key, { url: bad });
      assert.equal(patched.status, 422);
      assert.equal(patched.json.error.code, 'OUTBOUND_URL_REFUSED');
      assert.deepEqual(await partners(), before);
    });
  }

  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), ...args, '--data', node.proc.dataDir, '--json']).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
    );

  test('`concord partner add` and `concord taxii import` refuse a file: URL, and store nothing', async () => {
    const before = await partners();
    const added = await cli(['partner', 'add', '--name', 'Local file', '--url', 'file:///etc/passwd', '--public-key', NodeKey.generate().publicKey]);
    assert.notEqual(added.code, 0);
    assert.match(added.out, /OUTBOUND_URL_REFUSED/);
    assert.deepEqual(await partners(), before);
    const banks = (await node.proc.call('GET', '/v1/banks', node.key)).json;
    const imported = await cli(['taxii', 'import', '--url', 'gopher://127.0.0.1/collections/x/', '--key', 'k', '--bank', 'never-created']);
    assert.notEqual(imported.code, 0);
    assert.match(imported.out, /OUTBOUND_URL_REFUSED/);
    assert.deepEqual((await node.proc.call('GET', '/v1/banks', node.key)).json, banks, 'no bank was created');
  });
});
