import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseNodeConfig } from '../../config/node-config.js';
import { NodeKey } from '../../exchange/node-key.js';
import { waitFor } from '../../testing/federation-nodes.js';
import { createNode, type ConcordNode } from '../../node/concord-node.js';
import { fixedClock, type ManualClock } from '../../util/clock.js';

const STALL = 2000;

/** A real node on SQLite whose clock the test moves; the change log and lease run as in production. */
async function nodeWithClock(): Promise<{ node: ConcordNode; clock: ManualClock; admin: string; health: () => Promise<{ status: number; json: any }> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-health-'));
  const clock = fixedClock(Date.now());
  const node = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', syncStallMs: STALL, syncLeaseRetryMs: 100 }), { logger: false, clock });
  const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const health = async () => {
    const res = await node.app.inject({ method: 'GET', url: '/healthz' });
    return { status: res.statusCode, json: res.json() };
  };
  await waitFor('this process leads', async () => node.election?.isLeader === true);
  return { node, clock, admin, health };
}

const addUnreachablePartner = async (node: ConcordNode, admin: string) => {
  const res = await node.app.inject({ method: 'POST', url: '/v1/partners', headers: { authorization: `Bearer ${admin}` }, payload: { name: 'Gone', url: 'http://127.0.0.1:1', publicKey: NodeKey.generate().publicKey } });
  assert.equal(res.statusCode, 201);
  return res.json().id as string;
};

test('healthz is ok, with no problems, when nothing has stalled; this process leads', async () => {
  const { node, health } = await nodeWithClock();
  try {
    const res = await health();
    assert.equal(res.status, 200);
    assert.deepEqual([res.json.status, res.json.problems, res.json.syncLeader], ['ok', [], true]);
  } finally {
    await node.close();
  }
});

test('a partner with no successful pull for longer than syncStallMs turns healthz degraded (still 200), naming the partner and the last error', async () => {
  const { node, clock, admin, health } = await nodeWithClock();
  try {
    const id = await addUnreachablePartner(node, admin);
    await waitFor('the failed pull is recorded', async () => !!(await node.store.getSyncCursor(id)).lastError);
    assert.equal((await health()).json.status, 'ok', 'not stalled yet: just registered');
    clock.set(Date.now() + STALL + 1); // the partner was registered (by the real clock) more than STALL ago
    await node.election!.tick(); // the leader renews at the new time, as it would have all along
    const res = await health();
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'degraded');
    assert.equal(res.json.problems.length, 1, JSON.stringify(res.json.problems));
    assert.match(res.json.problems[0], new RegExp(`^sync with ${id} stalled: no successful pull since it was registered .*PARTNER_UNREACHABLE`));
    const sync = await node.app.inject({ method: 'GET', url: '/v1/sync', headers: { authorization: `Bearer ${admin}` } });
    assert.equal(sync.json().partners[0].stalled, true);
    assert.deepEqual(sync.json().problems, res.json.problems);
  } finally {
    await node.close();
  }
});

test('with partners registered and no process holding the lease, healthz says there is no sync leader', async () => {
  const { node, admin, health } = await nodeWithClock();
  try {
    await addUnreachablePartner(node, admin);
    await node.election!.stop(); // releases the lease, as a clean shutdown does
    const res = await health();
    assert.equal(res.json.status, 'degraded');
    assert.match(res.json.problems.join('\n'), /no process holds the sync lease: the last leader \(pid \d+\) let it expire/);
    assert.equal(res.json.syncLeader, false);
  } finally {
    await node.close();
  }
});

test('a process that stops polling the change log turns healthz degraded, saying so', async () => {
  const { node, clock, health } = await nodeWithClock();
  try {
    await node.index.stop();
    clock.advance(6000);
    const res = await health();
    assert.equal(res.json.status, 'degraded');
    assert.ok(res.json.problems.some((p: string) => /^change log: this process last polled it \d+ s ago/.test(p)), JSON.stringify(res.json.problems));
  } finally {
    await node.close();
  }
});
