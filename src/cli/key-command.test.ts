import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import { waitFor } from '../testing/federation-nodes.js';
import { repoRoot } from '../testing/repo-root.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

const nodes: ConcordNode[] = [];
after(async () => {
  for (const n of nodes) await n.close();
});

const status = async (n: ConcordNode, url: string, key: string) => (await n.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).statusCode;

test('with admin.key lost, `key create` issues a working admin key from the data folder, printed once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-keys-'));
  assert.equal((await runCli('identity', '--data', dir)).code, ExitCode.OK, 'a node data folder');
  rmSync(join(dir, 'admin.key'));
  const created = await runCli('key', 'create', '--data', dir, '--roles', 'admin', '--purpose', 'recovery after a lost admin.key');
  assert.equal(created.code, ExitCode.OK, created.err.join('\n'));
  const secret = created.out.join('\n').split('\n')[0]!;
  assert.match(secret, /^ck_k[0-9a-f]{12}_[\w-]{43}$/);
  assert.match(created.out.join('\n'), /shown only this once/);
  const n = await createNode(parseNodeConfig({ dataDir: dir, logLevel: 'silent' }), { logger: false, sync: false });
  nodes.push(n);
  assert.equal(await status(n, '/v1/keys', secret), 200);
  const listed = await runCli('key', 'list', '--data', dir, '--json');
  assert.equal(listed.code, ExitCode.OK);
  const rows = jsonLines(listed.out);
  assert.equal(rows.length, 2, 'the lost first key and the new one');
  // The secret part is all after the id; base64url may hold '_' itself, so split('_') would cut it short.
  const secretPart = /^ck_k[0-9a-f]{12}_(.+)$/.exec(secret)![1]!;
  assert.ok(rows.every((r) => !JSON.stringify(r).includes(secretPart)), 'never a secret');
  assert.deepEqual(rows.find((r) => secret.includes(r.id)).roles, ['admin']);
});

test('`key create` takes partner, purpose and expiry; bad options are usage errors that store nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-keys-'));
  const made = await runCli('key', 'create', '--data', dir, '--roles', 'matcher,auditor', '--purpose', 'upload pipeline', '--expires', '30d', '--json');
  assert.equal(made.code, ExitCode.OK, made.err.join('\n'));
  const { key, record } = JSON.parse(made.out[0]!);
  assert.ok(key.startsWith(`ck_${record.id}_`));
  assert.deepEqual(record.roles, ['matcher', 'auditor']);
  assert.equal(record.purpose, 'upload pipeline');
  const days = (Date.parse(record.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
  const table = await runCli('key', 'list', '--data', dir);
  assert.match(table.out.join('\n'), new RegExp(`${record.id} .*matcher,auditor +active +${record.expiresAt.replace(/\./g, '\\.')} +upload pipeline`));

  const before = jsonLines((await runCli('key', 'list', '--data', dir, '--json')).out).length;
  for (const args of [['--roles', 'superuser'], ['--roles', 'matcher', '--expires', 'tomorrow'], ['--roles', 'matcher', '--expires', '2001-01-01T00:00:00Z'], ['--roles', 'matcher', '--purpose', 'a\u0000b']]) {
    const bad = await runCli('key', 'create', '--data', dir, ...args);
    assert.equal(bad.code, ExitCode.USAGE, args.join(' '));
    assert.match(bad.err.join('\n'), /^(USAGE_INVALID|REQUEST_INVALID): /);
  }
  const unknownPartner = await runCli('key', 'create', '--data', dir, '--roles', 'matcher', '--partner', 'nobody');
  assert.equal(unknownPartner.code, ExitCode.USAGE);
  assert.match(unknownPartner.err[0]!, /^NOT_FOUND: no partner with id nobody/);
  assert.equal(jsonLines((await runCli('key', 'list', '--data', dir, '--json')).out).length, before, 'nothing stored');
});

test('`key revoke` in another process: a running node refuses the key within a second', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-keys-'));
  const made = await runCli('key', 'create', '--data', dir, '--roles', 'auditor', '--json');
  const { key, record } = JSON.parse(made.out[0]!);
  const n = await createNode(parseNodeConfig({ dataDir: dir, logLevel: 'silent' }), { logger: false, sync: false });
  nodes.push(n);
  assert.equal(await status(n, '/v1/audit', key), 200, 'the node has looked the key up');
  const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), 'key', 'revoke', record.id, '--data', dir]);
  assert.match(stdout, new RegExp(`API key ${record.id} revoked at `));
  const ms = await waitFor('the node to refuse the revoked key', async () => (await status(n, '/v1/audit', key)) === 401, 3000);
  assert.ok(ms <= 1000, `refused ${ms} ms after the revoking process exited`);
  const again = await runCli('key', 'revoke', record.id, '--data', dir);
  assert.equal(again.code, ExitCode.USAGE);
  assert.match(again.err[0]!, /^CONFLICT: /);
  const missing = await runCli('key', 'revoke', 'knothere', '--data', dir);
  assert.equal(missing.code, ExitCode.USAGE);
  assert.match(missing.err[0]!, /^NOT_FOUND: /);
});
