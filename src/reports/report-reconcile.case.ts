import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { maySee, SELF_VIEWER, type Viewer } from '../access/viewer.js';
import { confirmationPolicy } from '../domain/four-eyes.js';
import type { SignalRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import { NodeKey } from '../exchange/node-key.js';
import type { KyselyStore, StoreOptions } from '../store/kysely-store.js';
import type { Actor } from '../store/store.js';
import { fixedClock, isoNow } from '../util/clock.js';
import { sequentialIds } from '../util/id-generator.js';
import type { ReportPeriod } from './report-period.js';
import type { ReportTable } from './report-section.js';
import { inReportSnapshot } from './report-snapshot.js';
import { transparencyReport, type TransparencyReport } from './transparency-report.js';

/*
 * Totals reconcile: a store built by random operations (adds, confirmations,
 * retractions, disputes by partners and by the contributor, re-confirmations, matches,
 * signals and status changes received from a partner's feed) at random times, then
 * reports for adjacent periods and their union, for three viewers. Every total must be
 * the sum of its rows; every row must equal a count kept by this test itself as it
 * operated (the oracle: what each operation returned, never the report's queries); and
 * the counts of adjacent periods must add up to their union's.
 */

const SELF = 'p-self';
const ADMIN: Actor = { partner: SELF, keyId: 'k-admin' };
const REVIEWER: Actor = { partner: SELF, keyId: 'k-rev' };
const LABELS = ['perpetrator_content', 'glorification_of_attack', 'instruction_for_violence'] as const;
const TYPES = ['md5', 'pdq', 'url'] as const;
const DISTRIBUTIONS = ['local', 'partners', 'network', 'group:eu'] as const;
const VIEWERS: readonly Viewer[] = [SELF_VIEWER, { kind: 'partner-key', partnerId: 'p-a', sharingGroups: ['eu'] }, { kind: 'partner-key', partnerId: 'p-b', sharingGroups: [] }];
const START = Date.parse('2026-11-01T00:00:00.000Z');

type Op =
  | { kind: 'add'; label: number; type: number; dist: number }
  | { kind: 'confirm' | 'retract' | 'reconfirm' | 'selfDispute' | 'receivedRetract'; pick: number }
  | { kind: 'dispute'; pick: number; partner: 'p-a' | 'p-b' }
  | { kind: 'match'; picks: number[]; n: number }
  | { kind: 'receive'; label: number; type: number; dist: number; disputed: boolean }
  | { kind: 'receivedStatus'; pick: number; status: 'active' | 'disputed' };

const pick = fc.nat(1000);
const opArb: fc.Arbitrary<{ op: Op; minutes: number }> = fc.record({
  minutes: fc.oneof(fc.constant(0), fc.nat(240)),
  op: fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), label: fc.nat(2), type: fc.nat(2), dist: fc.nat(3) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('confirm' as const), pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('dispute' as const), pick, partner: fc.constantFrom('p-a' as const, 'p-b' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconfirm' as const), pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('selfDispute' as const), pick }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('match' as const), picks: fc.array(pick, { minLength: 1, maxLength: 4 }), n: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), label: fc.nat(2), type: fc.nat(2), dist: fc.nat(2), disputed: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('receivedRetract' as const), pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('receivedStatus' as const), pick, status: fc.constantFrom('active' as const, 'disputed' as const) }) },
  ),
});

/** What the test saw happen, as it happened. */
interface Oracle {
  readonly history: Map<number, { at: string; status: string }[]>;
  readonly disputes: { signalId: number; at: string }[];
  readonly matches: { signalId: number; at: string; n: number }[];
}

const value = (type: string, n: number): string => (type === 'url' ? `https://example.org/item/${n}` : type === 'md5' ? n.toString(16).padStart(32, '0') : n.toString(16).padStart(64, '0'));

async function build(store: KyselyStore, clock: ReturnType<typeof fixedClock>, ops: readonly { op: Op; minutes: number }[]): Promise<{ oracle: Oracle; end: number }> {
  const oracle: Oracle = { history: new Map(), disputes: [], matches: [] };
  const own: number[] = [];
  const received: { id: number; uid: string }[] = [];
  let feedSeq = 0;
  let n = 0;
  const note = async (id: number) => {
    const s = (await store.getSignal(id))!;
    const h = oracle.history.get(id) ?? [];
    if (h.length === 0 || h[h.length - 1]!.status !== s.status) h.push({ at: isoNow(clock), status: s.status });
    oracle.history.set(id, h);
  };
  const receive = async (body: Record<string, unknown>) => {
    feedSeq += 1;
    await store.applyFeedPage('p-a', { afterSeq: feedSeq - 1, lastSeq: feedSeq, lastHash: `h${feedSeq}`, remoteHead: feedSeq, events: [{ seq: feedSeq, wire: JSON.stringify(body), body }] }, 2);
  };
  for (const { op, minutes } of ops) {
    clock.advance(minutes * 60_000 + 1000);
    const at = isoNow(clock);
    const ownPick = (p: number) => own[p % Math.max(1, own.length)];
    const anyIds = [...own, ...received.map((r) => r.id)];
    try {
      if (op.kind === 'add') {
        const type = TYPES[op.type]!;
        const [s] = await store.addSignals(1, [{ type, value: value(type, ++n), label: LABELS[op.label]!, reason: `added <b>${n}</b>`, distribution: DISTRIBUTIONS[op.dist]! }], ADMIN);
        own.push(s!.id);
        oracle.history.set(s!.id, [{ at, status: s!.status }]);
      } else if (op.kind === 'receive') {
        const type = TYPES[op.type]!;
        const uid = `remote-${++n}`;
        await receive({ type: 'signal.added', at, node: 'p-a', signal: { uid, origin: 'p-a', bank: 'A bank', type, value: value(type, n), label: LABELS[op.label]!, reason: 'from A', contributor: 'p-a', distribution: ['partners', 'network', 'group:eu'][op.dist]!, status: op.disputed ? 'disputed' : 'active', createdAt: at } });
        const s = (await store.getSignalByUid(uid))!;
        received.push({ id: s.id, uid });
        oracle.history.set(s.id, [{ at, status: s.status }]);
      } else if (op.kind === 'match') {
        if (anyIds.length === 0) continue;
        const counts = new Map<number, number>();
        for (const p of op.picks) counts.set(anyIds[p % anyIds.length]!, op.n);
        await store.recordMatches(counts, at);
        for (const [signalId, k] of counts) oracle.matches.push({ signalId, at, n: k });
      } else if (op.kind === 'receivedRetract' || op.kind === 'receivedStatus') {
        if (received.length === 0) continue;
        const r = received[op.pick % received.length]!;
        if (op.kind === 'receivedRetract') await receive({ type: 'signal.retracted', at, node: 'p-a', uid: r.uid, reason: 'withdrawn at A' });
        else await receive({ type: 'signal.status_changed', at, node: 'p-a', uid: r.uid, status: (op as Extract<Op, { kind: 'receivedStatus' }>).status, reason: null });
        await note(r.id);
      } else if (op.kind === 'dispute') {
        if (anyIds.length === 0) continue;
        const id = anyIds[op.pick % anyIds.length]!;
        await store.addOpinion(id, { opinion: 'disputed', reason: 'not TVEC' }, { partner: op.partner, keyId: null }, 2);
        oracle.disputes.push({ signalId: id, at });
        await note(id);
      } else {
        const id = ownPick(op.pick);
        if (id === undefined) continue;
        if (op.kind === 'confirm') await store.confirmSignals([id], REVIEWER);
        else if (op.kind === 'retract') await store.retractSignal(id, 'mistake', ADMIN);
        else if (op.kind === 'reconfirm') await store.addOpinion(id, { opinion: 'confirmed', reason: 'checked again' }, REVIEWER, 2);
        else {
          await store.addOpinion(id, { opinion: 'disputed', reason: 'our error' }, ADMIN, 2);
          oracle.disputes.push({ signalId: id, at });
        }
        await note(id);
      }
    } catch (err) {
      // Refused operations (retracting twice, confirming a retracted signal) store nothing.
      if (!(err instanceof ConcordError) || !['CONFLICT', 'FORBIDDEN'].includes(err.code)) throw err;
    }
  }
  return { oracle, end: clock.now() };
}

const isError = (status: string) => status === 'retracted' || status === 'disputed';

type Counts = Map<string, Record<string, number>>;
const keyOf = (...parts: string[]) => JSON.stringify(parts);
const inPeriod = (at: string, p: ReportPeriod) => at >= p.from && at < p.to;

function bump(map: Counts, key: string, measure: string, by = 1): void {
  const row = map.get(key) ?? {};
  row[measure] = (row[measure] ?? 0) + by;
  map.set(key, row);
}

/** The expected rows of every table, from the oracle and the signals as the store's port returns them. */
function expected(oracle: Oracle, signals: Map<number, SignalRecord>, viewer: Viewer, p: ReportPeriod): Record<string, Counts> {
  const out: Record<string, Counts> = { signals: new Map(), matches: new Map(), disputes: new Map(), errorRate: new Map() };
  // This store holds no referral, incident or find: their tables must be empty (report-reconcile-coordination.case.ts fills them).
  for (const name of ['referrals', 'referralObstacles', 'referralScrutiny', 'referralRemedies', 'incidents', 'monitorFinds']) out[name] = new Map();
  const seen = (id: number) => maySee(signals.get(id)!, viewer);
  for (const s of signals.values()) {
    if (!seen(s.id)) continue;
    const h = oracle.history.get(s.id)!;
    if (inPeriod(s.createdAt, p)) {
      bump(out.signals!, keyOf(s.label, s.type, s.contributor), 'added');
      let at = h[0]!.status;
      for (const step of h) if (step.at < p.to) at = step.status;
      bump(out.errorRate!, keyOf(s.label), 'signals');
      if (at === 'retracted' || at === 'disputed') bump(out.errorRate!, keyOf(s.label), 'errors');
    }
    for (let i = 1; i < h.length; i++) {
      if (!inPeriod(h[i]!.at, p)) continue;
      const [from, to] = [h[i - 1]!.status, h[i]!.status];
      if (to === 'retracted') bump(out.signals!, keyOf(s.label, s.type, s.contributor), 'retracted');
      if (to === 'disputed') bump(out.disputes!, keyOf(s.label), 'upheld');
      if (from === 'disputed' && to === 'active') bump(out.disputes!, keyOf(s.label), 'overturned');
    }
  }
  for (const d of oracle.disputes) {
    if (!inPeriod(d.at, p) || !seen(d.signalId)) continue;
    const s = signals.get(d.signalId)!;
    bump(out.signals!, keyOf(s.label, s.type, s.contributor), 'disputes');
    bump(out.disputes!, keyOf(s.label), 'raised');
  }
  for (const m of oracle.matches) {
    if (!inPeriod(m.at, p) || !seen(m.signalId)) continue;
    const s = signals.get(m.signalId)!;
    bump(out.matches!, keyOf(s.label, s.type), 'matches', m.n);
  }
  return out;
}

/** A table's rows as a map, leaving out zero counts so it compares with the oracle's. */
function rowsOf(table: ReportTable): Counts {
  const map: Counts = new Map();
  for (const r of table.rows) {
    const counts = Object.fromEntries(Object.entries(r.counts).filter(([, v]) => v !== 0));
    map.set(keyOf(...table.dimensions.map((d) => r.key[d]!)), counts);
  }
  return map;
}

const tableOf = (report: TransparencyReport, name: string): ReportTable => report.sections.flatMap((s) => s.data.tables).find((t) => t.name === name)!;

function add(a: Counts, b: Counts): Counts {
  const sum: Counts = new Map();
  for (const m of [a, b]) for (const [k, row] of m) for (const [measure, v] of Object.entries(row)) bump(sum, k, measure, v);
  return sum;
}

const sorted = (m: Counts) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).sort())]);

/** The reconciliation property, on one dialect: `open` gives a fresh store per run. */
export function reportReconcileCases(name: string, open: (options: StoreOptions) => Promise<KyselyStore>, numRuns: number): void {
  describe(`transparency report reconciles: ${name}`, () => {
    test('totals are the sums of their rows, rows equal the counts kept while operating, and adjacent periods add up to their union', async () => {
      let reports = 0;
      // Over all runs, every measure must have been non-zero somewhere and partners must have seen less than the node: else the property proved little.
      const seenNonZero = new Set<string>();
      let hiddenFromPartner = 0;
      let changedAfterPeriod = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 90 }), fc.tuple(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0.1, max: 0.9, noNaN: true })), async (ops, cuts) => {
          const clock = fixedClock(START);
          const store = await open({ clock, ids: sequentialIds(), confirmations: confirmationPolicy({ local: 1, group: 1, partners: 1, network: 1 }) });
          try {
            const key = NodeKey.generate();
            store.attachFeedSigner({ nodeId: SELF, sign: (d) => key.sign(d) });
            await store.createPartner({ id: SELF, name: 'Self node', kind: 'self' }, ADMIN);
            await store.createPartner({ id: 'p-a', name: 'Partner A', kind: 'partner', sharingGroups: ['eu'] }, ADMIN);
            await store.createPartner({ id: 'p-b', name: 'Partner B', kind: 'partner' }, ADMIN);
            await store.createApiKey({ id: 'k-rev', partnerId: SELF, keyHash: 'h-rev', roles: ['reviewer'], purpose: 'review' }, ADMIN);
            await store.createBank({ name: 'own', description: '' }, ADMIN);
            const { oracle, end } = await build(store, clock, ops);
            const hours = Math.ceil((end - START) / 3_600_000) + 1;
            const [c1, c2] = [Math.round(hours * Math.min(...cuts)), Math.max(Math.round(hours * Math.max(...cuts)), Math.round(hours * Math.min(...cuts)) + 1)];
            const at = (h: number) => new Date(START + h * 3_600_000).toISOString();
            const periods = { p1: { from: at(0), to: at(c1) }, p2: { from: at(c1), to: at(c2) }, p3: { from: at(c2), to: at(Math.max(hours, c2 + 1)) }, union: { from: at(0), to: at(c2) } };
            const ids = Array.from(oracle.history.keys());
            const signals = new Map((await store.getSignals(ids)).map((s) => [s.id, s]));
            for (const viewer of VIEWERS) {
              const r: Record<string, TransparencyReport> = {};
              for (const [pname, period] of Object.entries(periods)) {
                r[pname] = await inReportSnapshot(store, (db) => transparencyReport({ db, viewer }, period, { node: SELF, generatedAt: isoNow(clock) }));
                reports++;
                const want = expected(oracle, signals, viewer, period);
                for (const { data } of r[pname]!.sections) {
                  for (const table of data.tables) {
                    for (const m of table.measures) assert.equal(table.totals[m], table.rows.reduce((sum, row) => sum + row.counts[m], 0), `${table.name}.${m} total`);
                    assert.deepEqual(sorted(rowsOf(table)), sorted(want[table.name]!), `${table.name} rows for ${viewer.kind === 'self' ? 'self' : viewer.partnerId} in ${pname}`);
                  }
                }
                for (const { data } of r[pname]!.sections) for (const t of data.tables) for (const m of t.measures) if (t.totals[m]! > 0) seenNonZero.add(`${t.name}.${m}`);
                const err = tableOf(r[pname]!, 'errorRate');
                for (const row of err.rows) assert.ok(row.counts.errors! <= row.counts.signals!);
              }
              for (const s of signals.values()) {
                const h = oracle.history.get(s.id)!;
                if (inPeriod(s.createdAt, periods.p1) && h.some((step) => step.at >= periods.p1.to) && isError(h.filter((step) => step.at < periods.p1.to).at(-1)!.status) !== isError(s.status)) changedAfterPeriod++;
              }
              if (viewer.kind !== 'self') hiddenFromPartner += Math.max(0, signals.size - tableOf(r.p1!, 'signals').totals.added! - tableOf(r.p2!, 'signals').totals.added! - tableOf(r.p3!, 'signals').totals.added!);
              for (const name of ['signals', 'matches', 'disputes']) {
                assert.deepEqual(sorted(add(rowsOf(tableOf(r.p1!, name)), rowsOf(tableOf(r.p2!, name)))), sorted(rowsOf(tableOf(r.union!, name))), `${name}: p1 + p2 = union`);
              }
              // The error rate's trials add up; its errors are judged at each period's end, so they need not.
              assert.equal(tableOf(r.p1!, 'errorRate').totals.signals! + tableOf(r.p2!, 'errorRate').totals.signals!, tableOf(r.union!, 'errorRate').totals.signals);
            }
          } finally {
            await store.close();
          }
        }),
        { numRuns },
      );
      assert.ok(reports >= numRuns * 12);
      assert.deepEqual([...seenNonZero].sort(), ['disputes.overturned', 'disputes.raised', 'disputes.upheld', 'errorRate.errors', 'errorRate.signals', 'matches.matches', 'signals.added', 'signals.disputes', 'signals.retracted']);
      assert.ok(hiddenFromPartner > 0, 'no run hid a signal from a partner');
      // Signals in error at a period's end and not now, or the reverse: the error rate must judge them at the period's end.
      assert.ok(changedAfterPeriod > 0, 'no signal changed status after the period it was added in');
    });
  });
}
