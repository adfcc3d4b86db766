import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addSignal, confirmSignals, fastSyncConfig, lookup, partnerSync, randomPdq, register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import { ScriptedPartner, type PartnerMode } from '../testing/scripted-partner.js';

const added = (n: number, value: string, origin: string) => ({
  type: 'signal.added',
  signal: { uid: `scripted-${n}`, origin, bank: 'attack', type: 'pdq', value, label: 'perpetrator_content', reason: 'the attacker’s livestream', contributor: origin, distribution: 'partners', status: 'active', createdAt: new Date().toISOString() },
});

/**
 * A real node pulling from a partner that misbehaves in every way the issue lists, and
 * from an honest real node at the same time.
 */
describe('sync faults: a partner that misbehaves', () => {
  let node: FedNode;
  let honest: FedNode;
  const partner = new ScriptedPartner();
  const values = [randomPdq(), randomPdq()];

  before(async () => {
    await partner.start();
    [node, honest] = await Promise.all([startFedNode('Puller'), startFedNode('Honest')]);
    partner.append(added(1, values[0]!, partner.id));
    partner.append(added(2, values[1]!, partner.id));
    // Well signed, but not a PDQ value: validated like any input, dropped, never indexed.
    partner.append({ ...added(3, 'zz'.repeat(32), partner.id) });
    partner.mode = 'bad-signature';
    const res = await node.proc.call('POST', '/v1/partners', node.key, { name: 'Scripted', url: partner.url, publicKey: partner.key.publicKey });
    assert.equal(res.status, 201);
    await register(node, honest);
    await register(honest, node);
  });
  after(async () => {
    await Promise.all([node, honest].filter(Boolean).map((n) => n.proc.kill()));
    await partner.stop();
  });

  const rejectedWith = async (mode: PartnerMode, pattern: RegExp) => {
    partner.mode = mode;
    await waitFor(`a ${mode} page is recorded as a sync error`, async () => pattern.test((await partnerSync(node, partner.id))?.lastError ?? ''));
    const sync = (await partnerSync(node, partner.id))!;
    assert.deepEqual([sync.lastSeq, sync.applied], [0, 0], `nothing from a ${mode} page is applied`);
    for (const v of values) assert.deepEqual(await lookup(node, v), []);
  };

  test('a forged signature is rejected and nothing from the page applied', () => rejectedWith('bad-signature', /^FEED_REJECTED: .*event 1: the signature does not verify/));
  test('a broken chain is rejected', () => rejectedWith('broken-chain', /^FEED_REJECTED: .*event 2 does not link to event 1/));
  test('a reordered page is rejected', () => rejectedWith('reorder', /^FEED_REJECTED: .*expected event 1, got 2/));
  test('events signed by an unknown key are rejected', () => rejectedWith('unknown-key', /^FEED_REJECTED: .*the signature does not verify with the partner's key/));

  test('once the partner behaves, every event is applied exactly once, and an invalid value is dropped', async () => {
    partner.mode = 'good';
    for (const v of values) await waitFor('the honest page is applied', async () => (await lookup(node, v)).length === 1);
    const sync = (await partnerSync(node, partner.id))!;
    assert.deepEqual([sync.lastSeq, sync.applied, sync.lastError], [3, 2, null]);
  });

  test('a replayed page is rejected and applies nothing twice', async () => {
    partner.mode = 'replay';
    await waitFor('the replay is refused', async () => /expected event 4, got 1/.test((await partnerSync(node, partner.id))?.lastError ?? ''));
    const sync = (await partnerSync(node, partner.id))!;
    assert.deepEqual([sync.lastSeq, sync.applied], [3, 2]);
    for (const v of values) assert.equal((await lookup(node, v)).length, 1);
  });

  for (const mode of ['garbage', 'slow'] as const) {
    test(`a partner answering ${mode === 'slow' ? 'never' : 'garbage'} does not stall the sync of others`, async () => {
      partner.mode = mode;
      const before = partner.requests;
      await waitFor('the scripted partner is being asked', async () => partner.requests > before);
      const value = randomPdq();
      await addSignal(honest, value);
      const ms = await waitFor('the honest partner’s signal arrives meanwhile', async () => (await lookup(node, value)).length === 1, 5000);
      assert.ok(ms < 5000);
      if (mode === 'garbage') await waitFor('garbage is recorded', async () => /^PARTNER_UNREACHABLE: .*not (JSON|a feed page)/.test((await partnerSync(node, partner.id))?.lastError ?? ''));
    });
  }

  test('the node keeps serving, and its audit chain verifies', async () => {
    const res = await node.proc.call('GET', '/v1/audit/verify', node.key);
    assert.equal(res.json.ok, true);
  });
});

/** Real processes killed mid-sync: the partner serving the feed, and the node pulling it. */
describe('sync faults: processes killed mid-sync', () => {
  const TOTAL = 20_000;
  let source: FedNode;
  let puller: FedNode;

  before(async () => {
    // The source publishes no audit checkpoints, so its feed holds exactly one event per signal.
    [source, puller] = await Promise.all([startFedNode('Source', { config: fastSyncConfig({ auditCheckpointEvery: 0, auditCheckpointIntervalMs: 0 }) }), startFedNode('Puller')]);
    for (let i = 0; i < TOTAL; i += 1000) {
      const signals = Array.from({ length: 1000 }, () => ({ type: 'pdq', value: randomPdq(), label: 'perpetrator_content', reason: 'variant of the attack video', distribution: 'partners' }));
      const res = await source.proc.call('POST', `/v1/banks/${source.bankId}/signals`, source.key, { signals });
      assert.equal(res.status, 201);
      await confirmSignals(source, res.json.signals.map((s: { id: number }) => s.id));
    }
    await register(source, puller);
  });
  after(async () => Promise.all([source, puller].filter(Boolean).map((n) => n.proc.kill())));

  test('the puller killed with kill -9 mid-batch resumes from its committed cursor; the source killed mid-sync is caught up with', async () => {
    await register(puller, source);
    await waitFor('the pull has started', async () => ((await partnerSync(puller, source.id))?.lastSeq ?? 0) > 0, 20_000);
    await puller.proc.kill('SIGKILL');
    await puller.proc.restart();
    const resumedAt = (await partnerSync(puller, source.id))!.lastSeq;
    assert.ok(resumedAt > 0 && resumedAt < TOTAL, `killed mid-sync (cursor at ${resumedAt} of ${TOTAL})`);
    await waitFor('the pull goes on', async () => ((await partnerSync(puller, source.id))?.lastSeq ?? 0) > resumedAt, 20_000);
    await source.proc.kill('SIGKILL');
    await waitFor('the source being down is recorded', async () => /^PARTNER_UNREACHABLE/.test((await partnerSync(puller, source.id))?.lastError ?? ''), 20_000);
    await source.proc.restart();
    await waitFor('the puller catches up', async () => (await partnerSync(puller, source.id))?.lastSeq === TOTAL, 60_000);
    const sync = (await partnerSync(puller, source.id))!;
    assert.equal(sync.applied, TOTAL, 'every event applied, none twice');
    const banks = (await puller.proc.call('GET', '/v1/banks', puller.key)).json.banks as { id: number; name: string }[];
    const received = banks.find((b) => b.name === 'from Source')!;
    const audit = (await puller.proc.call('GET', `/v1/audit/verify`, puller.key)).json;
    assert.equal(audit.ok, true);
    assert.ok(received, 'the received bank exists');
  });
});
