import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addSignal, fastSyncConfig, lookup, randomPdq, register, startFedNode, waitFor, type FedNode } from '../../testing/federation-nodes.js';
import { NodeProcess } from '../../testing/node-process.js';

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
    A = { name: 'Node A', proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.json.id };
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
    console.log(`# leader pid ${before.leader!.pid} killed; signal arrived at A after ${took} ms; new leader pid ${afterKill.leader!.pid}`);
  });

  test('exactly one process reports itself leader in the metrics', async () => {
    // Connections land on either worker; over a few scrapes both answer, and they never both say 1.
    const seen = new Map<number, number>();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${A.proc.url}/metrics`, { headers: { connection: 'close' } });
      const text = await res.text();
      const leader = Number(/^concord_sync_leader (\d)/m.exec(text)?.[1]);
      const pid = Number(/^process_pid (\d+)/m.exec(text)?.[1] ?? 0);
      seen.set(pid, leader);
    }
    const leaders = [...seen.values()].filter((v) => v === 1).length;
    assert.ok(leaders <= 1, `more than one leader: ${JSON.stringify([...seen])}`);
    assert.ok(seen.size < 2 || leaders === 1, `two processes answered and none leads: ${JSON.stringify([...seen])}`);
  });
});
