import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fastSyncConfig, partnerSync, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { killNow, workerPids } from '../testing/fault-run/cluster-workers.js';
import { FaultInjector } from '../testing/fault-run/fault-injector.js';
import { checkDurability, differences, heldOf, shareableStates } from '../testing/fault-run/fault-run-checks.js';
import { MixedLoad } from '../testing/fault-run/mixed-load.js';
import { callUntilAck } from '../testing/fault-run/node-client.js';
import { SeededRandom } from '../testing/fault-run/seeded-random.js';
import { WriteLedger } from '../testing/fault-run/write-ledger.js';
import { NodeProcess } from '../testing/node-process.js';
import { PostgresServer } from '../testing/postgres-server.js';

/**
 * The fault run: node A (PostgreSQL, two worker processes) under mixed load while its
 * workers, the whole node and its database are killed with kill -9 and restarted at
 * random; node B (SQLite) pulls A's feed all along. Afterwards every write A acknowledged
 * is there, A's audit chain verifies, and B holds exactly A's shareable signals.
 *
 * CONCORD_FAULT_RUN_MS shortens the run (default 5 minutes); CONCORD_FAULT_SEED replays
 * a run's schedule of faults (the seed is printed at the start); CONCORD_FAULT_RUN_STORE=sqlite
 * runs node A on SQLite instead (workers and the whole node are killed, there is no server).
 */
const DURATION_MS = Number(process.env.CONCORD_FAULT_RUN_MS ?? 300_000);
const SEED = Number(process.env.CONCORD_FAULT_SEED ?? randomInt(2 ** 31));
const ON_SQLITE = process.env.CONCORD_FAULT_RUN_STORE === 'sqlite';
const WORKERS = 2;
const CONVERGE_MS = 120_000;
const log = (line: string) => console.log(`# fault run (seed ${SEED}): ${line}`);

async function newKey(node: NodeProcess, admin: string, roles: string[], purpose: string): Promise<string> {
  return (await callUntilAck(node.url, 'POST', '/v1/keys', admin, { roles, purpose })).key;
}

/** B's sync cursor for A's feed, with when it last pulled successfully. */
async function cursorFor(node: FedNode, partnerId: string): Promise<{ lastSeq: number; remoteHead: number; lastSuccessAt: string | null } | undefined> {
  const { partners } = await callUntilAck(node.proc.url, 'GET', '/v1/partners', node.key);
  return partners.find((p: { id: string }) => p.id === partnerId)?.sync ?? undefined;
}

describe('fault run: a node under mixed load while its processes and database are killed', () => {
  let pg: PostgresServer | undefined;
  let a: FedNode;
  let b: FedNode;

  before(async () => {
    log(`starting, ${DURATION_MS} ms of faults on ${ON_SQLITE ? 'SQLite' : 'PostgreSQL'} (replay with CONCORD_FAULT_SEED=${SEED})`);
    pg = ON_SQLITE ? undefined : await PostgresServer.start();
    const db = pg ? ['--db', await pg.createDatabase('fault_run')] : [];
    const proc = await NodeProcess.start(mkdtempSync(join(tmpdir(), 'concord-fault-a-')), ['--name', 'Alpha', ...db, '--workers', String(WORKERS), '--config', fastSyncConfig()]);
    const key = proc.adminKey();
    const identity = await callUntilAck(proc.url, 'GET', '/v1/identity', null);
    const bank = await callUntilAck(proc.url, 'POST', '/v1/banks', key, { name: 'Alpha bank', description: 'contributed under fault' });
    a = { name: 'Alpha', proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.id, reviewerKeys: [] }; // its load confirms with its own reviewer key
    b = await startFedNode('Beta');
    await register(a, b);
    await register(b, a);
  });

  after(async () => {
    const workers = a?.proc.pid ? workerPids(a.proc.pid) : [];
    for (const n of [a, b]) await n?.proc.kill('SIGKILL');
    for (const pid of workers) killNow(pid);
    await pg?.stop();
  });

  test('every acknowledged write survives, the audit chain verifies, and the partner converges', async () => {
    const contributor = { url: a.proc.url, bankId: a.bankId, curatorKey: await newKey(a.proc, a.key, ['curator'], 'fault run: adds'), reviewerKey: await newKey(a.proc, a.key, ['reviewer'], 'fault run: reviews') };
    const matcherKey = await newKey(a.proc, a.key, ['matcher'], 'fault run: matches');
    const ledger = new WriteLedger();
    const load = new MixedLoad(contributor, matcherKey, ledger, new SeededRandom(SEED + 1));
    const faults = new FaultInjector(a.proc, WORKERS, pg, new SeededRandom(SEED), log);

    const started = Date.now();
    load.start({ writers: 3, matchers: 2 });
    try {
      await faults.runFor(DURATION_MS);
    } finally {
      await load.stop();
    }
    const loadStopped = Date.now();
    const loadMs = loadStopped - started;
    const { stats } = load;
    log(`${stats.requests} requests in ${loadMs} ms; acknowledged ${JSON.stringify(stats.acknowledged)}; unanswered ${JSON.stringify(stats.unanswered)} by ${JSON.stringify(stats.unansweredBy)}; not sent (node down) ${stats.unsent}; refused ${stats.refusals.length} ${JSON.stringify(stats.refusals.slice(0, 10))}`);
    log(`faults: ${faults.count('worker')} workers, ${faults.count('database')} database, ${faults.count('node')} whole-node kills; recovery ms ${JSON.stringify(faults.records.map((r) => `${r.kind}@${r.at}:${r.recoveredMs}`))}`);
    log(`ledger: ${ledger.signals.length} signals tracked, ${ledger.acknowledgedWrites()} acknowledged writes, ${ledger.signals.filter((s) => s.unknown).length} writes without an answer`);

    // Measured alongside the durability check: when B's cursor reaches the head of A's feed as A reports it after the load.
    const caughtUp = waitFor(
      "B has pulled A's whole feed",
      async () => {
        const sync = await cursorFor(b, a.id);
        return !!sync?.lastSuccessAt && Date.parse(sync.lastSuccessAt) > loadStopped && sync.lastSeq === sync.remoteHead;
      },
      CONVERGE_MS,
    ).then(
      (ms) => ({ ms }),
      (err: Error) => ({ err }),
    );
    const durability = await checkDurability(a.proc.url, a.key, ledger);
    log(`durability: ${durability.checked} signals checked, ${durability.observed.size} stored (${durability.unknownStored} of them from adds without an answer), ${durability.problems.length} problems`);
    for (const p of durability.problems.slice(0, 20)) log(`problem: ${p}`);
    const audit = await callUntilAck(a.proc.url, 'GET', '/v1/audit/verify', a.key);
    log(`audit chain: ${JSON.stringify(audit)}`);
    assert.ok(faults.records.length > 0 || DURATION_MS < 15_000, 'faults were injected');
    assert.ok(ledger.acknowledgedWrites() > 0, 'the node acknowledged writes');
    assert.deepEqual(stats.refusals, [], 'no valid request was refused');
    assert.equal(stats.unansweredBy.INTERNAL ?? 0, 0, 'a dying process or database gives a coded 503 or a dropped connection, never a 500 INTERNAL');
    assert.deepEqual(durability.problems, [], 'every acknowledged write is there with the right state');
    assert.equal(audit.ok, true, `audit chain breaks at ${JSON.stringify(audit.firstBroken)}`);

    const pulled = await caughtUp;
    if ('err' in pulled) throw new Error(`${pulled.err.message}; B's cursor for A: ${JSON.stringify(await partnerSync(b, a.id))}`);
    log(`B's cursor reached the head of A's feed ${pulled.ms} ms after the load stopped`);
    const expected = shareableStates(durability.observed);
    let diff: string[] = [];
    const pollMs = await waitFor(
      `partner B holds A's ${expected.size} shareable signals`,
      async () => {
        diff = differences(expected, await heldOf(b.proc.url, b.key, ledger.signals.map((s) => s.value)));
        return diff.length === 0;
      },
      CONVERGE_MS,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; B's cursor for A: ${JSON.stringify(await partnerSync(b, a.id))}; still different: ${diff.join('; ')}`);
    });
    const sync = await partnerSync(b, a.id);
    log(`partner B holds the same ${expected.size} shareable signals as A (compared ${Date.now() - loadStopped} ms after the load stopped, ${pollMs} ms of polling); B's cursor ${JSON.stringify(sync)}`);

    const bAudit = await callUntilAck(b.proc.url, 'GET', '/v1/audit/verify', b.key);
    assert.equal(bAudit.ok, true, 'the partner’s audit chain verifies too');
  });
});
