import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NodeKey } from '../../exchange/node-key.js';
import type { KyselyStore, StoreOptions } from '../../store/kysely-store.js';
import { openPostgresStore } from '../../store/postgres/postgres-database.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-database.js';
import type { Actor } from '../../store/store.js';
import { PostgresServer } from '../../testing/postgres-server.js';
import { fixedClock } from '../../util/clock.js';
import { parseAction, type ActionType } from './referral-actions.js';
import { validateReferral, NewReferralSchema } from './referral-input.js';
import { referralStats } from './referral-stats.js';
import { removalOrder } from './referral-fixtures.test-helper.js';

const MIN = 60_000;
const DEFAULTS = { referralDeadlineHours: 72, threatToLifeAckMinutes: 15 };

let pg: PostgresServer;
before(async () => {
  pg = await PostgresServer.start();
});
after(async () => pg?.stop());

type Open = (name: string, options: StoreOptions) => Promise<KyselyStore>;
const DIALECTS: [string, Open][] = [
  ['sqlite', async (_name, options) => openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-referrals-')), 'concord.db'), options)],
  ['postgres', async (name, options) => openPostgresStore(await pg.createDatabase(name), options)],
];

for (const [dialect, open] of DIALECTS) {
  describe(`referral store on ${dialect}: two stores, events moved between them as sync applies them`, () => {
    const clock = fixedClock('2026-03-01T10:00:00.000Z');
    let S: KyselyStore, R: KyselyStore, T: KyselyStore;
    const sKey = NodeKey.generate();
    const rKey = NodeKey.generate();
    const tKey = NodeKey.generate();
    const s: Actor = { partner: 'node-s', keyId: null };
    const r: Actor = { partner: 'node-r', keyId: null };

    before(async () => {
      S = await open(`ref_s_${dialect}`, { clock });
      R = await open(`ref_r_${dialect}`, { clock });
      T = await open(`ref_t_${dialect}`, { clock });
      const all = [[S, 'node-s', sKey], [R, 'node-r', rKey], [T, 'node-t', tKey]] as const;
      for (const [store, self, selfKey] of all) {
        store.attachFeedSigner({ nodeId: self, sign: (d) => selfKey.sign(d) });
        await store.setSetting('node.partner', self);
        await store.createPartner({ id: self, name: self, kind: 'self' }, { partner: self, keyId: null });
        for (const [, other, otherKey] of all.filter(([, o]) => o !== self)) {
          await store.createPartner({ id: other, name: other, kind: 'partner', url: 'http://127.0.0.1:9', publicKey: otherKey.publicKey }, { partner: self, keyId: null });
        }
      }
    });
    after(async () => {
      await S?.close();
      await R?.close();
      await T?.close();
    });

    /** What a sync of `to` from `from` applies: the events addressed to `to`, in order, with the cursor. */
    const move = async (from: KyselyStore, to: KyselyStore, fromId: string, toId: string) => {
      const cursor = await to.getSyncCursor(fromId);
      const events = await from.feedAfter(cursor.lastSeq, 1000);
      if (events.length === 0) return;
      const owed = events.filter((e) => e.audienceNode === toId);
      const last = events[events.length - 1]!;
      await to.applyFeedPage(fromId, { afterSeq: cursor.lastSeq, lastSeq: last.seq, lastHash: last.hash, remoteHead: last.seq, events: owed.map((e) => ({ seq: e.seq, wire: JSON.stringify(e), body: JSON.parse(e.body) })) }, 2);
    };
    const act = (store: KyselyStore, id: string, type: ActionType, fields: object, actor: Actor) => {
      const parsed = parseAction(type, fields);
      if (!parsed.ok) throw new Error(parsed.message);
      return store.referrals.act(id, parsed.action, actor);
    };

    test('send, receipt, obstacle and clearing keep the same paused clock on both sides; overdue; decision; statistics', async () => {
      const input = NewReferralSchema.parse(removalOrder('node-r', 'https://video.example/a'));
      const sent = await S.referrals.send(validateReferral(input, clock.now(), DEFAULTS, (id) => id === 'node-r'), s, null);
      const feed = await S.feedAfter(0, 100);
      assert.deepEqual(feed.map((e) => [JSON.parse(e.body).type, e.level, e.audienceNode]), [['referral.sent', 'local', 'node-r']], 'for the receiver only');
      await move(S, R, 'node-s', 'node-r');
      const atR = (await R.referrals.get(sent.id))!.row;
      assert.equal(atR.role, 'receiver');
      assert.equal(atR.due_at, '2026-03-01T11:00:00.000Z');
      await move(R, S, 'node-r', 'node-s');
      assert.equal((await S.referrals.get(sent.id))!.row.due_at, '2026-03-01T11:00:00.000Z', 'the receipt starts the clock at the sender too');

      clock.advance(10 * MIN);
      await act(R, sent.id, 'obstacle', { reason: 'manifest_error', explanation: 'The order names another service.' }, r);
      await move(R, S, 'node-r', 'node-s');
      clock.advance(30 * MIN);
      // The wrong side, and nothing half-written: the history and the feed stay as they were.
      const before = { events: (await S.referrals.get(sent.id))!.history.length, feed: await S.latestFeedSeq() };
      await assert.rejects(act(S, sent.id, 'decided', { outcome: 'removed', actedAt: new Date(clock.now()).toISOString() }, s), { code: 'REFERRAL_WRONG_SIDE' });
      await assert.rejects(act(R, sent.id, 'cleared', { explanation: 'not the receiver’s to clear' }, r), { code: 'REFERRAL_WRONG_SIDE' });
      assert.deepEqual({ events: (await S.referrals.get(sent.id))!.history.length, feed: await S.latestFeedSeq() }, before);
      await act(S, sent.id, 'cleared', { explanation: 'Corrected: this service, this URL.' }, s);
      await move(S, R, 'node-s', 'node-r');
      for (const store of [S, R]) {
        const row = (await store.referrals.get(sent.id))!.row;
        assert.equal(row.due_at, '2026-03-01T11:30:00.000Z', 'one hour plus the 30 minutes paused');
        assert.equal(Number(row.paused_ms), 30 * MIN);
      }

      clock.set('2026-03-01T11:29:00.000Z');
      for (const store of [S, R]) assert.equal((await store.referrals.list({ overdue: true }, clock.now())).length, 0);
      clock.set('2026-03-01T11:31:00.000Z');
      for (const store of [S, R]) assert.deepEqual((await store.referrals.list({ overdue: true }, clock.now())).map((x) => x.id), [sent.id]);
      assert.equal((await S.referrals.list({ direction: 'in' }, clock.now())).length, 0);
      assert.equal((await R.referrals.list({ direction: 'in', status: 'received' }, clock.now())).length, 1);

      await act(R, sent.id, 'decided', { outcome: 'removed', actedAt: '2026-03-01T11:20:00.000Z' }, r);
      await assert.rejects(act(R, sent.id, 'obstacle', { reason: 'force_majeure', explanation: 'after the fact' }, r), { code: 'REFERRAL_STATE_CONFLICT' });
      await act(R, sent.id, 'complaint', { contentRef: 'https://video.example/a', decision: 'rejected' }, r);
      await move(R, S, 'node-r', 'node-s');
      for (const store of [S, R]) assert.equal((await store.referrals.list({ overdue: true }, clock.now())).length, 0);

      const range = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'] as const;
      const atReceiver = await referralStats(R.db, ...range);
      assert.equal(atReceiver.received.byKind.removal_order, 1);
      assert.deepEqual(atReceiver.received.outcomes.removal_order, { removed: 1, disabled: 0, not_removed: 0, voided: 0, open: 0 });
      assert.deepEqual(atReceiver.received.timeToRemoval, { count: 1, medianMs: 80 * MIN, p95Ms: 80 * MIN });
      assert.deepEqual(atReceiver.received.obstaclesByReason, { manifest_error: 1 });
      assert.deepEqual(atReceiver.complaints, { total: 1, upheld: 0, rejected: 1 });
      for (const st of [atReceiver.received, atReceiver.sent]) for (const [kind, n] of Object.entries(st.byKind)) assert.equal(Object.values(st.outcomes[kind]!).reduce((a, b) => a + b, 0), n, `outcomes of ${kind} add up`);
      const atSender = await referralStats(S.db, ...range);
      assert.equal(atSender.sent.byKind.removal_order, 1);
      assert.equal(atSender.received.byKind.removal_order, 0);
      assert.deepEqual(atSender.sent.timeToDecision, atReceiver.received.timeToDecision, 'both sides count the same times');
      assert.equal((await referralStats(S.db, '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')).sent.byKind.removal_order, 0);
    });

    test('the scrutiny authority holds events that outrun the copy of the order, and applies them when it arrives', async () => {
      clock.set('2026-03-05T09:00:00.000Z');
      const input = NewReferralSchema.parse(removalOrder('node-r', 'https://video.example/b'));
      const sent = await S.referrals.send(validateReferral(input, clock.now(), DEFAULTS, () => true), s, 'node-t');
      assert.deepEqual((await S.feedAfter(0, 1000)).filter((e) => JSON.parse(e.body).referral?.id === sent.id).map((e) => e.audienceNode), ['node-r', 'node-t'], 'one event per addressee: receiver and scrutiny authority');
      await move(S, R, 'node-s', 'node-r');
      clock.advance(5 * MIN);
      await act(R, sent.id, 'acknowledged', {}, r);
      await move(R, T, 'node-r', 'node-t'); // the receipt and the acknowledgement, before the copy
      assert.equal(await T.referrals.get(sent.id), undefined);
      await move(S, T, 'node-s', 'node-t');
      const atT = (await T.referrals.get(sent.id))!;
      assert.equal(atT.row.role, 'scrutiny');
      assert.equal(atT.row.received_at, '2026-03-05T09:00:00.000Z');
      assert.equal(atT.row.status, 'acknowledged');
      assert.deepEqual(atT.history.map((e) => e.type), ['sent', 'receipt', 'acknowledged']);
      // A request for scrutiny within 48 hours of receipt; a finding on own initiative within 72 hours of the copy.
      clock.advance(49 * 60 * MIN);
      await assert.rejects(act(R, sent.id, 'scrutiny_requested', { reasons: 'Too late for a request.' }, r), { code: 'REFERRAL_SCRUTINY_WINDOW_CLOSED' });
      clock.advance(24 * 60 * MIN);
      await assert.rejects(act(T, sent.id, 'scrutiny_decided', { finding: 'no_infringement', reasons: 'Own initiative, too late.' }, { partner: 'node-t', keyId: null }), { code: 'REFERRAL_SCRUTINY_WINDOW_CLOSED' });
    });

    test('two senders naming different signals of the same hash held at the receiver are linked, and each sender is told', async () => {
      clock.set('2026-03-09T09:00:00.000Z');
      const t: Actor = { partner: 'node-t', keyId: null };
      const held = async (name: string) => {
        const bank = await R.createBank({ name: `${name}-${dialect}`, description: '' }, r);
        const [signal] = await R.addSignals(bank.id, [{ type: 'md5', value: 'c0ffee'.padEnd(32, '0'), label: 'perpetrator_content', reason: 'the same file, held twice', distribution: 'local' }], r);
        return signal!.uid;
      };
      const [one, two] = [await held('held-one'), await held('held-two')];
      const refer = (uid: string) => validateReferral(NewReferralSchema.parse({ ...removalOrder('node-r', 'https://unused.example/'), content: { signalUids: [uid] } }), clock.now(), DEFAULTS, () => true);
      const fromS = await S.referrals.send(refer(one), s, null);
      const fromT = await T.referrals.send(refer(two), t, null);
      await move(S, R, 'node-s', 'node-r');
      await move(T, R, 'node-t', 'node-r');
      assert.deepEqual(JSON.parse((await R.referrals.get(fromT.id))!.row.linked), [{ referral: fromS.id, sender: 'node-s' }]);
      assert.deepEqual(JSON.parse((await R.referrals.get(fromS.id))!.row.linked), [{ referral: fromT.id, sender: 'node-t' }]);
      await move(R, S, 'node-r', 'node-s');
      await move(R, T, 'node-r', 'node-t');
      assert.deepEqual(JSON.parse((await S.referrals.get(fromS.id))!.row.linked), [{ referral: fromT.id, sender: 'node-t' }]);
      assert.deepEqual(JSON.parse((await T.referrals.get(fromT.id))!.row.linked), [{ referral: fromS.id, sender: 'node-s' }]);
    });
  });
}
