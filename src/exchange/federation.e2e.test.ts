import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { checkPage } from './feed/feed-event.js';
import { addSignal, lookup, randomPdq, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { PostgresServer } from '../testing/postgres-server.js';
import { packageRoot } from '../util/package-root.js';

/**
 * Four real nodes in four processes on 127.0.0.1: A and B on SQLite, C and D each on its
 * own PostgreSQL database. A is partnered with everyone (B in sharing group "eu"); B and C
 * with each other; D only with A, so whatever reaches D from B went through A.
 */
describe('federation across four nodes', () => {
  let pg: PostgresServer;
  let A: FedNode, B: FedNode, C: FedNode, D: FedNode;
  const present = async (node: FedNode, value: string, status = 'active') => (await lookup(node, value)).some((m) => m.status === status);
  const absent = async (node: FedNode, value: string) => (await lookup(node, value)).length === 0;

  before(async () => {
    pg = await PostgresServer.start();
    [A, B] = await Promise.all([startFedNode('Node A'), startFedNode('Node B')]);
    [C, D] = await Promise.all([startFedNode('Node C', { db: await pg.createDatabase('fed_c') }), startFedNode('Node D', { db: await pg.createDatabase('fed_d') })]);
    await register(A, B, ['eu']);
    await register(A, C);
    await register(A, D);
    await register(B, A);
    await register(B, C);
    await register(C, A);
    await register(C, B);
    // D registers A with the CLI while D runs: the running node must pick it up by itself.
    await promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), 'partner', 'add', '--data', D.proc.dataDir, '--db', pg.urlFor('fed_d'), '--name', A.name, '--url', A.proc.url, '--public-key', A.publicKey]);
  });
  after(async () => {
    await Promise.all([A, B, C, D].filter(Boolean).map((n) => n.proc.kill()));
    await pg?.stop();
  });

  test('a signal added at A is matchable at B, C and D, with its origin', async () => {
    const value = randomPdq();
    await addSignal(A, value, 'partners');
    for (const node of [B, C, D]) await waitFor(`${node.name} matches A's signal`, () => present(node, value));
    const [m] = await lookup(D, value);
    assert.equal(m!.contributor, A.id);
    assert.equal(m!.label, 'perpetrator_content');
  });

  test('a retraction at A stops the signal matching everywhere', async () => {
    const value = randomPdq();
    const s = await addSignal(A, value, 'partners');
    for (const node of [B, C, D]) await waitFor(`${node.name} has it`, () => present(node, value));
    assert.equal((await A.proc.call('POST', `/v1/signals/${s.id}/retract`, A.key, { reason: 'footage from a news report, not the attack' })).status, 200);
    for (const node of [A, B, C, D]) {
      await waitFor(`${node.name} marks it retracted`, () => present(node, value, 'retracted'));
      assert.deepEqual(await lookup(node, value, []), [], `${node.name} no longer matches it by default`);
    }
  });

  test('disputes from B and C make the signal disputed at A and D', async () => {
    const value = randomPdq();
    await addSignal(A, value, 'partners');
    for (const node of [B, C, D]) await waitFor(`${node.name} has it`, () => present(node, value));
    for (const node of [B, C]) {
      const [m] = await lookup(node, value);
      const res = await node.proc.call('POST', `/v1/signals/${m!.signalId}/opinions`, node.key, { opinion: 'disputed', reason: 'documentation of abuses, out of scope' });
      assert.equal(res.status, 201, JSON.stringify(res.json));
    }
    for (const node of [A, D, B, C]) {
      await waitFor(`${node.name} sees it disputed`, () => present(node, value, 'disputed'));
      assert.deepEqual(await lookup(node, value, []), [], `${node.name} stops matching it by default`);
    }
    const [atA] = await lookup(A, value);
    const detail = (await A.proc.call('GET', `/v1/signals/${atA!.signalId}`, A.key)).json;
    assert.deepEqual(detail.opinions.map((o: { partner: string }) => o.partner).sort(), [B.id, C.id].sort(), 'A knows who disputed it');
  });

  test('a group:eu signal reaches only the partner in group eu', async () => {
    const value = randomPdq();
    await addSignal(A, value, 'group:eu');
    await waitFor('B (in eu) has it', () => present(B, value));
    const marker = randomPdq();
    await addSignal(A, marker, 'partners');
    for (const node of [C, D]) await waitFor(`${node.name} has the later marker`, () => present(node, marker));
    assert.ok(await absent(C, value), 'C is not in eu');
    assert.ok(await absent(D, value), 'D is not in eu');
  });

  test('a network signal is passed on one hop less; a partners signal is not passed on', async () => {
    const network = randomPdq();
    const partnersOnly = randomPdq();
    await addSignal(B, network, 'network');
    await addSignal(B, partnersOnly, 'partners');
    await waitFor('D gets the network signal through A', () => present(D, network));
    const [viaA] = await lookup(D, network);
    assert.equal(viaA!.contributor, B.id, 'the contributor is still B');
    const atD = (await D.proc.call('GET', `/v1/signals/${viaA!.signalId}`, D.key)).json.signal;
    assert.equal(atD.distribution, 'local', 'network → partners at A → local at D');
    assert.equal(atD.origin, B.id);
    assert.equal(atD.receivedFrom, A.id);
    const proof = (await D.proc.call('GET', `/v1/signals/${viaA!.signalId}`, D.key)).json.originEvent;
    assert.equal(checkPage([proof], proof.seq - 1, proof.prevHash, B.publicKey), undefined, "D keeps B's own signed event, which verifies with B's key");
    assert.equal(JSON.parse(proof.body).signal.value, network);
    const [atA] = await lookup(A, partnersOnly);
    assert.equal((await A.proc.call('GET', `/v1/signals/${atA!.signalId}`, A.key)).json.signal.distribution, 'local');
    const marker = randomPdq();
    await addSignal(A, marker, 'partners');
    await waitFor('D has a later marker from A', () => present(D, marker));
    assert.ok(await absent(D, partnersOnly), 'a partners-only signal of B never reaches D');
  });

  test('a node that was down catches up after its restart', async () => {
    await D.proc.kill('SIGKILL');
    const values = Array.from({ length: 20 }, randomPdq);
    for (const v of values) await addSignal(A, v, 'partners');
    await D.proc.restart();
    for (const v of values) await waitFor('D catches up', () => present(D, v));
    const { stdout } = await promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), 'sync', 'status', '--json', '--data', D.proc.dataDir, '--db', pg.urlFor('fed_d')]);
    const status = stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((s: { partner?: string }) => s.partner);
    assert.deepEqual(status.map((s: { partner: string }) => s.partner), [A.id]);
    assert.equal(status[0].lag, 0, '`concord sync status` shows D level with A');
    assert.ok(status[0].applied >= 20 && status[0].lastSuccessAt);
    const metrics = (await D.proc.call('GET', '/metrics', null)).json as string;
    assert.match(metrics, new RegExp(`concord_sync_lag_events\\{partner="${A.id}"\\} 0`), 'Prometheus shows the lag too');
  });

  test('a rotated node key reaches partners through the feed, signed by the old key', async () => {
    await B.proc.kill('SIGTERM');
    const { stdout } = await promisify(execFile)(process.execPath, [join(packageRoot(), 'bin', 'concord.js'), 'identity', 'rotate', '--data', B.proc.dataDir, '--json']);
    const rotated = JSON.parse(stdout);
    assert.equal(rotated.previous, B.publicKey);
    assert.notEqual(rotated.publicKey, B.publicKey);
    await B.proc.restart();
    assert.equal((await B.proc.call('GET', '/v1/identity', null)).json.publicKey, rotated.publicKey);
    const fromB = randomPdq();
    await addSignal(B, fromB, 'partners');
    await waitFor('A takes in a signal B signed with its new key', () => present(A, fromB));
    const atA = (await A.proc.call('GET', '/v1/partners', A.key)).json.partners.find((p: { id: string }) => p.id === B.id);
    assert.equal(atA.publicKey, rotated.publicKey, 'A now holds B’s new key');
    const fromA = randomPdq();
    await addSignal(A, fromA, 'partners');
    await waitFor('B, signing its requests with the new key, still pulls A', () => present(B, fromA), 15_000);
  });
});
