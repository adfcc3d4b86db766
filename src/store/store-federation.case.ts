import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, FEED_GENESIS, type WireEvent } from '../exchange/feed/feed-event.js';
import { FeedWriter } from '../exchange/feed/feed-writer.js';
import { NodeKey } from '../exchange/node-key.js';
import type { KyselyStore } from './kysely-store.js';
import type { ReceivedEvent } from './store-sync.js';
import type { Actor } from './store.js';

const SELF: Actor = { partner: 'node-self', keyId: null };
const REVIEWER: Actor = { partner: 'node-self', keyId: 'k-rev' };
const REVIEWER_2: Actor = { partner: 'node-self', keyId: 'k-rev-2' };
const pdq = (n: number) => (n + 0x1000).toString(16).padStart(64, 'a');
const received = (events: WireEvent[]): ReceivedEvent[] => events.map((e) => ({ seq: e.seq, wire: JSON.stringify(e), body: JSON.parse(e.body!) }));
const shared = (n: number, extra: Record<string, unknown> = {}) => ({
  uid: `uid-${n}`,
  origin: 'node-remote',
  bank: 'attack-1',
  type: 'pdq',
  value: pdq(n),
  label: 'perpetrator_content',
  reason: `attacker's livestream, copy ${n}`,
  contributor: 'node-remote',
  distribution: 'network',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

/**
 * The store's half of federation, on both dialects: what its own changes publish to the
 * feed, and how a partner's verified events are applied (once, in order, with the cursor).
 */
export function storeFederationContract(name: string, open: () => Promise<KyselyStore>): void {
  describe(`store federation contract: ${name}`, () => {
    let store: KyselyStore;
    const selfKey = NodeKey.generate();
    const remoteKey = NodeKey.generate();
    let remote: FeedWriter;
    let bank: number;
    before(async () => {
      store = await open();
      store.attachFeedSigner({ nodeId: 'node-self', sign: (d) => selfKey.sign(d) });
      await store.createPartner({ id: 'node-self', name: 'Self', kind: 'self' }, SELF);
      await store.createPartner({ id: 'node-remote', name: 'Remote', kind: 'partner', url: 'http://127.0.0.1:9', publicKey: remoteKey.publicKey }, SELF);
      await store.createPartner({ id: 'node-other', name: 'Other', kind: 'partner', url: 'http://127.0.0.1:8', publicKey: NodeKey.generate().publicKey }, SELF);
      remote = new FeedWriter(remoteKey, 'node-remote');
      bank = (await store.createBank({ name: 'own', description: '' }, SELF)).id;
      await store.createApiKey({ id: 'k-rev', partnerId: 'node-self', keyHash: 'h-rev', roles: ['reviewer'], purpose: 'review desk' }, SELF);
      await store.createApiKey({ id: 'k-rev-2', partnerId: 'node-self', keyHash: 'h-rev-2', roles: ['reviewer'], purpose: 'second review desk' }, SELF);
    });
    const confirm = (id: number, by: Actor = REVIEWER) => store.addOpinion(id, { opinion: 'confirmed', reason: 'reviewed' }, by, 2);
    after(async () => store.close());

    test('shared changes are published as signed, chained events once confirmed; local ones are not', async () => {
      const [local, partners, group] = await store.addSignals(
        bank,
        [
          { type: 'pdq', value: pdq(1), label: 'perpetrator_content', reason: 'kept here', distribution: 'local' },
          { type: 'pdq', value: pdq(2), label: 'perpetrator_content', reason: 'for partners', distribution: 'partners' },
          { type: 'pdq', value: pdq(3), label: 'perpetrator_content', reason: 'for the eu group', distribution: 'group:eu' },
        ],
        SELF,
      );
      assert.deepEqual(await store.feedAfter(0, 100), [], 'unconfirmed signals do not leave the node');
      for (const s of [local!, partners!, group!]) await confirm(s.id);
      await store.retractSignal(local!.id, 'wrong', SELF);
      await store.retractSignal(partners!.id, 'a news report, not perpetrator content', SELF);
      const events = await store.feedAfter(0, 100);
      assert.deepEqual(events.map((e) => [JSON.parse(e.body).type, e.audience]), [
        ['signal.added', 'partners'],
        ['opinion.added', 'partners'],
        ['signal.added', 'group:eu'],
        ['opinion.added', 'group:eu'],
        ['signal.retracted', 'partners'],
      ]);
      assert.equal(checkPage(events, 0, FEED_GENESIS, selfKey.publicKey), undefined);
      const added = JSON.parse(events[0]!.body);
      assert.equal(added.signal.uid, partners!.uid);
      assert.equal(added.signal.origin, 'node-self');
      assert.equal(added.node, 'node-self');
      assert.equal(JSON.parse(events[2]!.body).signal.uid, group!.uid);
      assert.equal(await store.latestFeedSeq(), 5);
    });

    test("a partner's page is applied once, with provenance, one hop less shareable, and the cursor moves with it", async () => {
      const page = [remote.append({ type: 'signal.added', signal: shared(10) }), remote.append({ type: 'signal.added', signal: shared(11, { distribution: 'partners' }) })];
      const result = await store.applyFeedPage('node-remote', { afterSeq: 0, lastSeq: 2, lastHash: page[1]!.hash, remoteHead: 2, events: received(page) }, 2);
      assert.deepEqual(result, { applied: 2, skipped: 0, changedSignals: 2 });
      const s10 = (await store.getSignalByUid('uid-10'))!;
      assert.equal(s10.origin, 'node-remote');
      assert.equal(s10.receivedFrom, 'node-remote');
      assert.equal(s10.contributor, 'node-remote');
      assert.equal(s10.distribution, 'partners', 'network becomes partners');
      assert.equal((await store.getSignalByUid('uid-11'))!.distribution, 'local', 'partners becomes local');
      assert.equal((await store.getBank(s10.bankId))!.name, 'from Remote');
      const cursor = await store.getSyncCursor('node-remote');
      assert.deepEqual([cursor.lastSeq, cursor.lastHash, cursor.applied], [2, page[1]!.hash, 2]);
      // Passed on: only the network one, now at partners, with the origin's event inside.
      const relayed = (await store.feedAfter(5, 100)).map((e) => JSON.parse(e.body));
      assert.deepEqual(relayed.map((b) => [b.type, b.signal.uid, b.signal.distribution]), [['signal.added', 'uid-10', 'partners']]);
      assert.equal(JSON.parse(relayed[0].original).hash, page[0]!.hash);
      // The same page again: the cursor has moved, so nothing is applied twice.
      await assert.rejects(store.applyFeedPage('node-remote', { afterSeq: 0, lastSeq: 2, lastHash: page[1]!.hash, remoteHead: 2, events: received(page) }, 2), { code: 'CONFLICT' });
      assert.equal((await store.getSyncCursor('node-remote')).applied, 2);
    });

    test('retraction and label correction only from the node the signal came from', async () => {
      const other = new FeedWriter(NodeKey.generate(), 'node-other');
      const forged = other.append({ type: 'signal.retracted', uid: 'uid-10', reason: 'not mine to retract' });
      const r1 = await store.applyFeedPage('node-other', { afterSeq: 0, lastSeq: 1, lastHash: forged.hash, remoteHead: 1, events: received([forged]) }, 2);
      assert.deepEqual([r1.applied, r1.skipped], [0, 1]);
      assert.equal((await store.getSignalByUid('uid-10'))!.status, 'active');
      const page = [remote.append({ type: 'signal.label_changed', uid: 'uid-10', label: 'glorification_of_attack', reason: 'corrected' }), remote.append({ type: 'signal.retracted', uid: 'uid-10', reason: 'withdrawn' })];
      await store.applyFeedPage('node-remote', { afterSeq: 2, lastSeq: 4, lastHash: page[1]!.hash, remoteHead: 4, events: received(page) }, 2);
      const s10 = (await store.getSignalByUid('uid-10'))!;
      assert.deepEqual([s10.label, s10.status], ['glorification_of_attack', 'retracted']);
      const changes = await store.changesAfter(0, 10_000);
      assert.ok(changes.rows.some((r) => r.id === s10.id && r.status === 'retracted'), 'the index hears of it');
    });

    test('unknown event types, unknown labels and own signals coming back are skipped, not guessed at', async () => {
      const own = (await store.feedAfter(0, 1))[0]!;
      const page = [
        remote.append({ type: 'incident.declared', name: 'attack' }),
        remote.append({ type: 'signal.added', signal: shared(12, { label: 'separatism' }) }),
        remote.append({ type: 'signal.added', signal: { ...JSON.parse(own.body).signal } }),
      ];
      const r = await store.applyFeedPage('node-remote', { afterSeq: 4, lastSeq: 7, lastHash: page[2]!.hash, remoteHead: 7, events: received(page) }, 2);
      assert.deepEqual([r.applied, r.skipped], [0, 3]);
      assert.equal(await store.getSignalByUid('uid-12'), undefined);
      assert.equal((await store.getSyncCursor('node-remote')).lastSeq, 7, 'the cursor still moves past them');
    });

    test("at the origin, partners' disputes turn a signal disputed and the news goes out", async () => {
      const [mine] = await store.addSignals(bank, [{ type: 'pdq', value: pdq(20), label: 'perpetrator_content', reason: 'livestream', distribution: 'network' }], SELF);
      await confirm(mine!.id);
      await confirm(mine!.id, REVIEWER_2);
      const dispute = (w: FeedWriter, partner: string) => w.append({ type: 'opinion.added', uid: mine!.uid, opinionUid: `op-${partner}`, partner, opinion: 'disputed', reason: 'news footage' });
      const d1 = dispute(remote, 'node-remote');
      await store.applyFeedPage('node-remote', { afterSeq: 7, lastSeq: 8, lastHash: d1.hash, remoteHead: 8, events: received([d1]) }, 2);
      assert.equal((await store.getSignal(mine!.id))!.status, 'active', 'one dispute is under the threshold');
      const d2 = remote.append({ type: 'opinion.added', uid: mine!.uid, opinionUid: 'op-relayed-from-c', partner: 'node-c', opinion: 'disputed', reason: 'documentation of abuses' });
      const again = remote.append({ type: 'opinion.added', uid: mine!.uid, opinionUid: 'op-node-remote', partner: 'node-remote', opinion: 'disputed', reason: 'news footage' });
      await store.applyFeedPage('node-remote', { afterSeq: 8, lastSeq: 10, lastHash: again.hash, remoteHead: 10, events: received([d2, again]) }, 2);
      const now = (await store.getSignal(mine!.id))!;
      assert.equal(now.status, 'disputed');
      assert.equal((await store.listOpinions(mine!.id)).filter((o) => o.partner !== 'node-self').length, 2, 'an opinion arriving twice is recorded once');
      const news = (await store.feedAfter(0, 1000)).map((e) => JSON.parse(e.body)).filter((b) => b.uid === mine!.uid && b.partner !== 'node-self');
      assert.deepEqual(news.map((b) => b.type), ['opinion.added', 'opinion.added', 'signal.status_changed']);
      assert.equal(news[2].status, 'disputed');
    });

    test('sync errors and empty pulls are recorded without moving the cursor', async () => {
      await store.recordSyncContact('node-other', { error: 'FEED_REJECTED: event 3 does not link' });
      let c = await store.getSyncCursor('node-other');
      assert.deepEqual([c.lastSeq, c.lastError?.startsWith('FEED_REJECTED'), c.lastErrorAt !== null], [1, true, true]);
      await store.recordSyncContact('node-other', { remoteHead: 9 });
      c = await store.getSyncCursor('node-other');
      assert.deepEqual([c.lastSeq, c.remoteHead, c.lastError], [1, 9, null]);
      assert.deepEqual((await store.listSyncCursors()).map((x) => x.partnerId), ['node-other', 'node-remote']);
    });
  });
}
