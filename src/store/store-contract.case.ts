import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { NodeKey } from '../exchange/node-key.js';
import type { KyselyStore } from './kysely-store.js';
import type { Actor, NewSignal } from './store.js';

const SELF: Actor = { partner: 'p-self', keyId: 'k-admin' };
const OTHER_A: Actor = { partner: 'p-a', keyId: null };
const OTHER_B: Actor = { partner: 'p-b', keyId: null };
const pdq = (n: number) => n.toString(16).padStart(64, '0');
const signal = (n: number, extra: Partial<NewSignal> = {}): NewSignal => ({ type: 'pdq', value: pdq(n), label: 'perpetrator_content', reason: `seen in attack video ${n}`, distribution: 'partners', ...extra });

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: { code?: string }) => {
    assert.equal(err.code, code);
    return true;
  });
}

/**
 * The contract every store meets, run against SQLite and PostgreSQL
 * (Kysely's `for (const dialect of DIALECTS)` style).
 */
export function storeContract(name: string, open: () => Promise<KyselyStore>): void {
  describe(`store contract: ${name}`, () => {
    let store: KyselyStore;
    before(async () => {
      store = await open();
      const key = NodeKey.generate();
      store.attachFeedSigner({ nodeId: 'p-self', sign: (d) => key.sign(d) });
      await store.createPartner({ id: 'p-self', name: 'Self node', kind: 'self' }, SELF);
      await store.createPartner({ id: 'p-a', name: 'Partner A', kind: 'partner', url: 'http://127.0.0.1:1', sharingGroups: ['eu', 'gifct'] }, SELF);
      await store.createPartner({ id: 'p-b', name: 'Partner B', kind: 'partner' }, SELF);
    });
    after(async () => store.close());

    test('settings are set once and then kept', async () => {
      assert.equal(await store.initSetting('node.id', 'n1'), 'n1');
      assert.equal(await store.initSetting('node.id', 'n2'), 'n1');
      assert.equal(await store.getSetting('node.id'), 'n1');
      assert.equal(await store.getSetting('missing'), undefined);
    });

    test('partners keep their sharing groups; duplicates conflict', async () => {
      const a = await store.getPartner('p-a');
      assert.deepEqual(a?.sharingGroups, ['eu', 'gifct']);
      assert.equal((await store.listPartners()).length, 3);
      await expectCode(store.createPartner({ id: 'p-a', name: 'Another', kind: 'partner' }, SELF), 'CONFLICT');
    });

    test('API keys are found by hash, listed, and revoked once', async () => {
      const key = await store.createApiKey({ id: 'k1', partnerId: 'p-self', keyHash: 'h1', roles: ['curator', 'reviewer'], purpose: 'curation desk' }, SELF);
      assert.deepEqual(key.roles, ['curator', 'reviewer']);
      assert.equal((await store.findApiKeyByHash('h1'))?.id, 'k1');
      assert.equal(await store.findApiKeyByHash('nope'), undefined);
      await expectCode(store.createApiKey({ id: 'k2', partnerId: 'p-missing', keyHash: 'h2', roles: ['matcher'], purpose: '' }, SELF), 'NOT_FOUND');
      const revoked = await store.revokeApiKey('k1', SELF);
      assert.ok(revoked.revokedAt);
      await expectCode(store.revokeApiKey('k1', SELF), 'CONFLICT');
    });

    test('API keys keep their expiry; keys without one never expire', async () => {
      const expiring = await store.createApiKey({ id: 'k-exp', partnerId: 'p-self', keyHash: 'h-exp', roles: ['matcher'], purpose: 'pipeline', expiresAt: '2031-01-01T00:00:00.000Z' }, SELF);
      assert.equal(expiring.expiresAt, '2031-01-01T00:00:00.000Z');
      assert.equal((await store.findApiKeyByHash('h-exp'))?.expiresAt, '2031-01-01T00:00:00.000Z');
      assert.equal((await store.listApiKeys()).find((k) => k.id === 'k-exp')?.expiresAt, '2031-01-01T00:00:00.000Z');
      assert.equal((await store.findApiKeyByHash('h1'))?.expiresAt, null);
    });

    test('banks are created, listed, renamed; names are unique', async () => {
      const bank = await store.createBank({ name: 'incident-2026-01', description: 'first' }, SELF);
      assert.equal(bank.owner, 'p-self');
      await expectCode(store.createBank({ name: 'incident-2026-01', description: '' }, SELF), 'CONFLICT');
      const renamed = await store.updateBank(bank.id, { description: 'updated' }, SELF);
      assert.equal(renamed.description, 'updated');
      assert.equal((await store.getBank(bank.id))?.description, 'updated');
      await expectCode(store.updateBank(99999, { name: 'x' }, SELF), 'NOT_FOUND');
      assert.ok((await store.listBanks()).some((b) => b.id === bank.id));
    });

    test('a batch of signals is stored whole, in order, with audit entries and change rows', async () => {
      const bank = await store.createBank({ name: 'batch-bank', description: '' }, SELF);
      const seqBefore = await store.latestChangeSeq();
      const records = await store.addSignals(bank.id, [signal(1), signal(2), signal(3, { type: 'md5', value: 'a'.repeat(32) })], SELF);
      assert.deepEqual(records.map((r) => r.value), [pdq(1), pdq(2), 'a'.repeat(32)]);
      assert.ok(records.every((r) => r.status === 'active' && r.contributor === 'p-self' && r.addedByKey === 'k-admin' && r.confirmedAt === null && r.confirmations === 0 && r.confirmationsRequired === 1));
      const changes = await store.changesAfter(seqBefore, 100);
      assert.deepEqual(changes.rows.map((r) => r.id).sort((a, b) => a - b), records.map((r) => r.id));
      const trail = await store.listAudit({ limit: 10, subjectType: 'signal', subjectId: String(records[0]!.id) });
      assert.equal(trail[0]!.action, 'signal.added');
    });

    test('a failing batch stores nothing: not a signal, not an audit entry, not a change', async () => {
      const bank = await store.createBank({ name: 'atomic-bank', description: '' }, SELF);
      await store.addSignals(bank.id, [signal(10)], SELF);
      const audit = (await store.listAudit({ limit: 100000 })).length;
      const seq = await store.latestChangeSeq();
      await expectCode(store.addSignals(bank.id, [signal(11), signal(10)], SELF), 'CONFLICT'); // 10 exists
      await expectCode(store.addSignals(bank.id, [signal(12), signal(12)], SELF), 'CONFLICT'); // repeated in batch
      await expectCode(store.addSignals(424242, [signal(13)], SELF), 'NOT_FOUND');
      assert.equal((await store.listAudit({ limit: 100000 })).length, audit);
      assert.equal(await store.latestChangeSeq(), seq);
      const rows = await store.scanIndexRows(0, 100000);
      assert.equal(rows.filter((r) => r.value === pdq(11) || r.value === pdq(12) || r.value === pdq(13)).length, 0);
    });

    test('only the contributor retracts; a retraction shows in the change log', async () => {
      const bank = await store.createBank({ name: 'retract-bank', description: '' }, SELF);
      const [s] = await store.addSignals(bank.id, [signal(20)], SELF);
      await expectCode(store.retractSignal(s!.id, 'not mine', OTHER_A), 'FORBIDDEN');
      const seq = await store.latestChangeSeq();
      const retracted = await store.retractSignal(s!.id, 'wrongly labelled: news footage', SELF);
      assert.equal(retracted.status, 'retracted');
      const changes = await store.changesAfter(seq, 10);
      assert.deepEqual(changes.rows, [{ id: s!.id, type: 'pdq', value: pdq(20), status: 'retracted' }]);
      await expectCode(store.retractSignal(s!.id, 'again', SELF), 'CONFLICT');
      await expectCode(store.retractSignal(987654, 'x', SELF), 'NOT_FOUND');
    });

    test('disputes by enough partners, or by the contributor, stop a signal; re-confirmation restores it', async () => {
      const bank = await store.createBank({ name: 'dispute-bank', description: '' }, SELF);
      const [s] = await store.addSignals(bank.id, [signal(30)], SELF);
      const id = s!.id;
      let r = await store.addOpinion(id, { opinion: 'disputed', reason: 'journalism' }, OTHER_A, 2);
      assert.equal(r.signal.status, 'active');
      r = await store.addOpinion(id, { opinion: 'seen', reason: 'seen on our platform' }, OTHER_A, 2);
      assert.equal(r.signal.status, 'active');
      r = await store.addOpinion(id, { opinion: 'disputed', reason: 'documentation of abuses' }, OTHER_B, 2);
      assert.equal(r.signal.status, 'disputed');
      assert.match(r.signal.statusReason ?? '', /2 partners/);
      await store.createApiKey({ id: 'k-rev', partnerId: 'p-self', keyHash: 'h-rev', roles: ['reviewer'], purpose: 'review desk' }, SELF);
      r = await store.addOpinion(id, { opinion: 'confirmed', reason: 're-reviewed: perpetrator footage' }, { partner: 'p-self', keyId: 'k-rev' }, 2);
      assert.equal(r.signal.status, 'active');
      assert.equal(r.signal.reviewedByKey, 'k-rev');
      r = await store.addOpinion(id, { opinion: 'disputed', reason: 'overturned on appeal' }, SELF, 2);
      assert.equal(r.signal.status, 'disputed');
      assert.equal(r.signal.statusReason, 'overturned by its contributor');
      assert.equal((await store.listOpinions(id)).length, 5);
      assert.equal((await store.getSignal(id))?.status, 'disputed');
    });

    test('a label correction is the contributor’s, and the old label stays in the audit trail', async () => {
      const bank = await store.createBank({ name: 'relabel-bank', description: '' }, SELF);
      const [s] = await store.addSignals(bank.id, [signal(50)], SELF);
      await expectCode(store.relabelSignal(s!.id, 'glorification_of_attack', 'not mine', OTHER_A), 'FORBIDDEN');
      const fixed = await store.relabelSignal(s!.id, 'glorification_of_attack', 'a meme praising the attacker, not his footage', SELF);
      assert.equal(fixed.label, 'glorification_of_attack');
      assert.equal((await store.getSignal(s!.id))?.label, 'glorification_of_attack');
      await expectCode(store.relabelSignal(s!.id, 'glorification_of_attack', 'again', SELF), 'CONFLICT');
      const trail = await store.listAudit({ limit: 10, subjectType: 'signal', subjectId: String(s!.id) });
      assert.deepEqual(trail.map((e) => e.action), ['signal.added', 'signal.label_changed']);
      assert.deepEqual({ from: trail[1]!.details.from, to: trail[1]!.details.to }, { from: 'perpetrator_content', to: 'glorification_of_attack' });
    });

    test('match counts accumulate', async () => {
      const bank = await store.createBank({ name: 'count-bank', description: '' }, SELF);
      const [s] = await store.addSignals(bank.id, [signal(40)], SELF);
      await store.recordMatches(new Map([[s!.id, 3]]), '2026-11-23T00:00:00.000Z');
      await store.recordMatches(new Map([[s!.id, 2]]), '2026-11-23T00:00:01.000Z');
      const got = await store.getSignal(s!.id);
      assert.equal(got?.matchCount, 5);
      assert.equal(got?.lastMatchedAt, '2026-11-23T00:00:01.000Z');
    });

    test('index rows page by id', async () => {
      const all = await store.scanIndexRows(0, 100000);
      const paged = [];
      for (let after = 0; ; ) {
        const page = await store.scanIndexRows(after, 2);
        if (page.length === 0) break;
        paged.push(...page);
        after = page[page.length - 1]!.id;
      }
      assert.deepEqual(paged, all);
    });

    test('the audit chain verifies, and names the first entry that was altered', async () => {
      const ok = await store.verifyAudit();
      assert.equal(ok.ok, true);
      assert.ok(ok.checked > 10);
      await sql`update audit_log set details = ${'{"tampered":true}'} where seq = 5`.execute(store.db);
      const bad = await store.verifyAudit();
      assert.equal(bad.ok, false);
      assert.equal(bad.firstBroken?.seq, 5);
    });
  });
}
