import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode } from '../node/concord-node.js';
import { openStore } from '../node/open-store.js';
import { runCli } from './cli-fixtures.test-helper.js';
import { ExitCode } from './exit-codes.js';

test('a tampered audit row makes `audit verify` fail with AUDIT_CHAIN_BROKEN and its exit code, and the strict API raise it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-audit-'));
  const config = parseNodeConfig({ dataDir, logLevel: 'silent' });
  const n = await createNode(config, { logger: false, sync: false });
  const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const get = async (url: string) => {
    const res = await n.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
    return { status: res.statusCode, json: res.json() };
  };
  for (const name of ['one', 'two', 'three']) assert.equal((await n.app.inject({ method: 'POST', url: '/v1/banks', headers: { authorization: `Bearer ${admin}` }, payload: { name } })).statusCode, 201);

  const intact = await runCli('audit', 'verify', '--data', dataDir);
  assert.equal(intact.code, ExitCode.OK);
  assert.match(intact.out[0]!, /audit chain verified: \d+ entries, all intact/);
  assert.equal((await get('/v1/audit/verify?strict=true')).json.ok, true);

  const store = await openStore(config);
  const seq = Number((await store.db.selectFrom('audit_log').select('seq').where('action', '=', 'bank.created').orderBy('seq').executeTakeFirstOrThrow()).seq);
  await store.db.updateTable('audit_log').set({ details: JSON.stringify({ name: 'renamed by hand' }) }).where('seq', '=', seq).execute();
  await store.close();

  const broken = await runCli('audit', 'verify', '--data', dataDir);
  assert.equal(broken.code, ExitCode.INTEGRITY);
  assert.equal(broken.code, 5);
  assert.match(broken.err[0]!, new RegExp(`^AUDIT_CHAIN_BROKEN: entry ${seq}: `));
  const json = await runCli('audit', 'verify', '--data', dataDir, '--json');
  assert.equal(json.code, ExitCode.INTEGRITY);
  assert.equal(JSON.parse(json.out[0]!).firstBroken.seq, seq);

  const lenient = await get('/v1/audit/verify');
  assert.equal(lenient.status, 200);
  assert.equal(lenient.json.ok, false);
  const strict = await get('/v1/audit/verify?strict=true');
  assert.equal(strict.status, 500);
  assert.equal(strict.json.error.code, 'AUDIT_CHAIN_BROKEN');
  assert.match(strict.json.error.message, new RegExp(`^entry ${seq}: `));
  await n.close();
});
