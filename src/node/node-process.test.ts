import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NodeProcess } from '../testing/node-process.js';
import { PostgresServer } from '../testing/postgres-server.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'concord-proc-'));
const randomPdq = () => Array.from({ length: 64 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const procs: NodeProcess[] = [];
after(async () => {
  for (const p of procs) await p.kill();
});

async function bankOn(node: NodeProcess, key: string, name: string): Promise<number> {
  const res = await node.call('POST', '/v1/banks', key, { name });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json.id;
}
const addOne = (node: NodeProcess, key: string, bank: number, value: string) =>
  node.call('POST', `/v1/banks/${bank}/signals`, key, { signals: [{ type: 'pdq', value, label: 'perpetrator_content', reason: 'attack livestream frame' }] });
const matches = async (node: NodeProcess, key: string, value: string) =>
  (await node.call('POST', '/v1/match', key, { signals: [{ type: 'pdq', value }] })).json.results?.[0]?.matches ?? [];

describe('SQLite node process', () => {
  test('a signal acknowledged just before kill -9 is there after restart, and matches', async () => {
    const node = await NodeProcess.start(tmp());
    procs.push(node);
    const key = node.adminKey();
    const bank = await bankOn(node, key, 'durability');
    const values = Array.from({ length: 20 }, randomPdq);
    for (const v of values.slice(0, 19)) assert.equal((await addOne(node, key, bank, v)).status, 201);
    const last = await addOne(node, key, bank, values[19]!);
    assert.equal(last.status, 201);
    await node.kill('SIGKILL');
    await node.restart();
    for (const v of values) assert.equal((await matches(node, key, v)).length, 1, `signal ${v} lost`);
    const verify = await node.call('GET', '/v1/audit/verify', key);
    assert.equal(verify.json.ok, true);
  });

  test('the first start writes the admin key with mode 600 and says where, never the key', async () => {
    const node = await NodeProcess.start(tmp(), ['--log-level', 'info']);
    procs.push(node);
    const { statSync } = await import('node:fs');
    assert.equal(statSync(join(node.dataDir, 'admin.key')).mode & 0o777, 0o600);
    assert.match(node.output, /admin API key was written to .*admin\.key/);
    assert.ok(!node.output.includes(node.adminKey()));
    await node.kill('SIGTERM');
  });
});

describe('worker processes', () => {
  test('--workers 2 serves from two processes on one SQLite file; writes reach both within a second; SIGTERM stops all', async () => {
    const node = await NodeProcess.start(tmp(), ['--workers', '2']);
    procs.push(node);
    const key = node.adminKey();
    const bank = await bankOn(node, key, 'workers');
    const value = randomPdq();
    assert.equal((await addOne(node, key, bank, value)).status, 201);
    await new Promise((r) => setTimeout(r, 1000));
    // Connections spread over both workers: every answer must now find the signal.
    for (let i = 0; i < 20; i++) assert.equal((await matches(node, key, value)).length, 1);
    await node.kill('SIGTERM');
  });
});

describe('PostgreSQL node processes', () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await PostgresServer.start();
  });
  after(async () => pg.stop());

  test('two processes on one database see each other’s writes within a second', async () => {
    const url = await pg.createDatabase('shared');
    const dirA = tmp();
    const a = await NodeProcess.start(dirA, ['--db', url]);
    procs.push(a);
    // Every process of one node signs its feed with the same node key.
    const dirB = tmp();
    copyFileSync(join(dirA, 'node.key'), join(dirB, 'node.key'));
    const b = await NodeProcess.start(dirB, ['--db', url]);
    procs.push(b);
    assert.equal(b.hasAdminKey(), false, 'only the first process creates the admin key');
    const stranger = await NodeProcess.start(tmp(), ['--db', url]).then(
      () => 'started',
      (err: Error) => err.message,
    );
    assert.match(stranger, /NODE_KEY_MISSING/, 'a process without the node key is refused');
    const key = a.adminKey();
    const bankA = await bankOn(a, key, 'from-a');
    for (const [writer, reader] of [[a, b], [b, a]] as const) {
      const value = randomPdq();
      assert.equal((await addOne(writer, key, bankA, value)).status, 201);
      const started = Date.now();
      let seen = false;
      while (Date.now() - started < 1000 && !seen) {
        seen = (await matches(reader, key, value)).length === 1;
        if (!seen) await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(seen, `write on :${writer.port} not matchable on :${reader.port} within 1 s`);
    }
  });

  test('when the database goes away requests fail with a coded 503, and the node recovers with nothing lost', async () => {
    const url = await pg.createDatabase('flaky');
    const node = await NodeProcess.start(tmp(), ['--db', url]);
    procs.push(node);
    const key = node.adminKey();
    const bank = await bankOn(node, key, 'flaky');
    const before = randomPdq();
    assert.equal((await addOne(node, key, bank, before)).status, 201);

    await pg.kill();
    const down = await addOne(node, key, bank, randomPdq());
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'STORE_UNAVAILABLE');
    assert.equal((await node.call('GET', '/healthz', null)).status, 503);

    await pg.resume();
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      recovered = (await node.call('GET', '/healthz', null)).status === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(recovered, 'node did not recover');
    assert.equal((await matches(node, key, before)).length, 1);
    const after = randomPdq();
    assert.equal((await addOne(node, key, bank, after)).status, 201);
    assert.equal((await matches(node, key, after)).length, 1);
  });
});
