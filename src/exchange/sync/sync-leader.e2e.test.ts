import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { get } from 'node:http';
import { promisify } from 'node:util';
import { packageRoot } from '../../util/package-root.js';
import { after, before, describe, test } from 'node:test';
import { addSignal, createReviewerKeys, fastSyncConfig, lookup, randomPdq, register, startFedNode, waitFor, type FedNode } from '../../testing/federation-nodes.js';
import { NodeProcess } from '../../testing/node-process.js';
import { PostgresServer } from '../../testing/postgres-server.js';

/** A GET on a connection of its own (fetch would reuse one, and so always reach the same worker). */
const scrapeOnNewConnection = (url: string) =>
  new Promise<string>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });

interface SyncView {
  leader: { pid: number; holder: string; live: boolean } | null;
  partners: { partner: string; lastSuccessAt: string | null; lag: number; stalled: boolean }[];
  problems: string[];
}

/**
 * A node serving from two worker processes on one SQLite folder, pulling from a partner.
 * Whichever worker holds the sync lease is killed with kill -9; another process must take
 * the lease over and the partner's next signal must arrive within 10 s.
 */
describe('sync leader under --workers 2', () => {
  let A: FedNode;
  let B: FedNode;
  const sync = async (): Promise<SyncView> => {
    const res = await A.proc.call('GET', '/v1/sync', A.key);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json;
  };

  before(async () => {
    B = await startFedNode('Partner B');
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-leader-a-'));
    const proc = await NodeProcess.start(dataDir, ['--workers', '2', '--name', 'Node A', '--config', fastSyncConfig()]);
    const key = proc.adminKey();
    const identity = (await proc.call('GET', '/v1/identity', null)).json;
    const bank = await proc.call('POST', '/v1/banks', key, { name: 'A bank' });
    assert.equal(bank.status, 201);
    A = { name: 'Node A', proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.json.id, reviewerKeys: await createReviewerKeys(proc, key, 'Node A') };
    await register(A, B);
    await register(B, A);
  });
  after(async () => {
    await Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill('SIGKILL')));
  });

  test('kill -9 of the leading worker: another process takes the lease and the partner\'s new signal arrives within 10 s', async () => {
    const first = randomPdq();
    await addSignal(B, first);
    await waitFor('A pulls from B at all', async () => (await lookup(A, first)).length === 1);
    const before = await sync();
    assert.ok(before.leader?.live, `a live leader: ${JSON.stringify(before)}`);
    assert.notEqual(before.leader!.pid, A.proc.pid, 'a worker leads, not the primary');
    assert.deepEqual(before.problems, []);

    process.kill(before.leader!.pid, 'SIGKILL');
    const killedAt = Date.now();
    const value = randomPdq();
    await addSignal(B, value);
    await waitFor('B\'s new signal matches at A', async () => (await lookup(A, value).catch(() => [])).length === 1, 10_000);
    const took = Date.now() - killedAt;
    assert.ok(took < 10_000, `arrived after ${took} ms`);

    const afterKill = await sync();
    assert.ok(afterKill.leader?.live);
    assert.notEqual(afterKill.leader!.pid, before.leader!.pid, 'a different process leads');
    assert.equal(afterKill.partners.find((p) => p.partner === B.id)?.lag, 0);
    const health = await A.proc.call('GET', '/healthz', null);
    assert.equal(health.status, 200);
    assert.equal(health.json.status, 'ok', JSON.stringify(health.json));
    // `concord sync status` reads the same state from the database, with the node running.
    const { stdout } = await promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), 'sync', 'status', '--json', '--data', A.proc.dataDir]);
    const [head, ...lines] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(head.leader.pid, afterKill.leader!.pid);
    assert.equal(head.leader.live, true);
    assert.deepEqual(head.problems, []);
    assert.deepEqual(lines.map((l: { partner: string; stalled: boolean }) => [l.partner, l.stalled]), [[B.id, false]]);
    console.log(`# leader pid ${before.leader!.pid} killed; signal arrived at A after ${took} ms; new leader pid ${afterKill.leader!.pid}`);
  });

  test('the metrics of every process say whether it leads, and only the leader says 1', async () => {
    const leaderPid = (await sync()).leader!.pid;
    const seen = new Map<number, number>();
    // A scrape reaches one worker; new connections spread over both (the re-forked one once it listens).
    await waitFor('both workers answer a scrape', async () => {
      const text = await scrapeOnNewConnection(`${A.proc.url}/metrics`);
      const m = /^concord_sync_leader\{pid="(\d+)"\} (\d)/m.exec(text);
      assert.ok(m, 'concord_sync_leader is exported');
      seen.set(Number(m[1]), Number(m[2]));
      return seen.size === 2;
    }, 30_000);
    assert.equal(seen.size, 2, 'both workers answered a scrape');
    for (const [pid, leads] of seen) assert.equal(leads, pid === leaderPid ? 1 : 0, `pid ${pid}`);
  });
});

/**
 * Two `concord serve` processes of one node on one PostgreSQL database: the lease is an
 * advisory lock, freed by the server when the holder's session ends with its process.
 */
describe('sync leader on PostgreSQL, two processes', () => {
  let pg: PostgresServer;
  let B: FedNode;
  const A: FedNode[] = [];
  before(async () => {
    pg = await PostgresServer.start();
    B = await startFedNode('Partner B2');
    const url = await pg.createDatabase('leader');
    const config = fastSyncConfig();
    const first = mkdtempSync(join(tmpdir(), 'concord-leader-pg-'));
    const second = mkdtempSync(join(tmpdir(), 'concord-leader-pg-'));
    const p1 = await NodeProcess.start(first, ['--db', url, '--name', 'Node A2', '--config', config]);
    copyFileSync(join(first, 'node.key'), join(second, 'node.key')); // one node, one key
    const p2 = await NodeProcess.start(second, ['--db', url, '--name', 'Node A2', '--config', config]);
    const key = p1.adminKey();
    const identity = (await p1.call('GET', '/v1/identity', null)).json;
    const bank = await p1.call('POST', '/v1/banks', key, { name: 'A2 bank' });
    const reviewerKeys = await createReviewerKeys(p1, key, 'Node A2');
    for (const proc of [p1, p2]) A.push({ name: 'Node A2', proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.json.id, reviewerKeys });
    await register(A[0]!, B);
    await register(B, A[0]!);
  });
  after(async () => {
    await Promise.all([...A, B].filter(Boolean).map((n) => n.proc.kill('SIGKILL')));
    await pg?.stop();
  });

  test('kill -9 of the leading process: the other takes the advisory lock and the partner\'s new signal arrives within 10 s', async () => {
    const first = randomPdq();
    await addSignal(B, first);
    await waitFor('A pulls from B at all', async () => (await lookup(A[0]!, first)).length === 1);
    const leader = (await A[0]!.proc.call('GET', '/v1/sync', A[0]!.key)).json.leader;
    const dying = A.find((a) => a.proc.pid === leader?.pid);
    assert.ok(dying, `the leader is one of the two processes: ${JSON.stringify(leader)}`);
    const survivor = A.find((a) => a !== dying)!;
    await dying.proc.kill('SIGKILL');
    const killedAt = Date.now();
    const value = randomPdq();
    await addSignal(B, value);
    await waitFor('B\'s new signal matches at the surviving process', async () => (await lookup(survivor, value)).length === 1, 10_000);
    const took = Date.now() - killedAt;
    const now = (await survivor.proc.call('GET', '/v1/sync', survivor.key)).json;
    assert.equal(now.leader.pid, survivor.proc.pid);
    assert.equal(now.thisProcessLeads, true);
    console.log(`# PostgreSQL: leader pid ${leader.pid} killed; signal arrived after ${took} ms`);
  });
});
