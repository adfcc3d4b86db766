import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { maySee, SELF_VIEWER, type Viewer } from '../access/viewer.js';
import { INCIDENT_CRITERIA } from '../config/incident-config.js';
import { maySeeIncident } from '../coordination/incidents/incident-visibility.js';
import { parseAction, type ActionType } from '../coordination/referrals/referral-actions.js';
import type { SharedReferral } from '../coordination/referrals/referral-body.js';
import { NewReferralSchema, validateReferral } from '../coordination/referrals/referral-input.js';
import { confirmationPolicy } from '../domain/four-eyes.js';
import type { SignalRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { FindSignal } from '../monitor/find.js';
import { NodeKey } from '../exchange/node-key.js';
import type { KyselyStore, StoreOptions } from '../store/kysely-store.js';
import type { Actor } from '../store/store.js';
import { fixedClock, isoNow } from '../util/clock.js';
import { sequentialIds } from '../util/id-generator.js';
import type { ReportPeriod } from './report-period.js';
import type { ReportTable } from './report-section.js';
import { inReportSnapshot } from './report-snapshot.js';
import { incidentsSection } from './sections/incidents-section.js';
import { monitorSection } from './sections/monitor-section.js';
import { referralsSection } from './sections/referrals-section.js';
import { transparencyReport, type TransparencyReport } from './transparency-report.js';

/*
 * Totals reconcile, for the coordination sections (referrals, incidents, the monitor): a
 * store built by random operations at random times (referrals sent, received and held as
 * scrutiny authority, and the receiver's actions on them; incidents declared, with
 * entries written here and received from a partner, and concluded; monitor finds and
 * their removal), then reports for adjacent periods and their union, for three viewers.
 * Every total must be the sum of its rows; every row must equal a count this test kept
 * as it operated (from what each operation returned, never from the report's queries);
 * and the counts of adjacent periods must add up to their union's.
 */

const SELF = 'p-self';
const ADMIN: Actor = { partner: SELF, keyId: 'k-admin' };
const KINDS = ['removal_order', 'referral', 'threat_to_life'] as const;
const TIERS = ['perpetrator_content', 'content_incident', 'awareness'] as const;
const INCIDENT_DISTRIBUTIONS = ['local', 'partners', 'group:eu', 'network'] as const;
const SIGNAL_DISTRIBUTIONS = ['local', 'partners', 'group:eu'] as const;
const LABELS = ['perpetrator_content', 'glorification_of_attack', 'instruction_for_violence'] as const;
const VIEWERS: readonly Viewer[] = [SELF_VIEWER, { kind: 'partner-key', partnerId: 'p-a', sharingGroups: ['eu'] }, { kind: 'partner-key', partnerId: 'p-b', sharingGroups: [] }];
const START = Date.parse('2026-11-01T00:00:00.000Z');
const MIN = 60_000;
const DAY = 86_400_000;
const DEFAULTS = { referralDeadlineHours: 6, threatToLifeAckMinutes: 15 };

type Act =
  | { type: 'acknowledged' }
  | { type: 'obstacle'; reason: 'force_majeure' | 'manifest_error' | 'insufficient_information' }
  | { type: 'decided'; outcome: 'removed' | 'disabled' | 'not_removed'; actedShare: number }
  | { type: 'scrutiny_requested' }
  | { type: 'complaint'; decision: 'upheld' | 'rejected' }
  | { type: 'reinstated' };

type Op =
  | { kind: 'send'; refKind: number; to: 'p-a' | 'p-b' }
  | { kind: 'receive'; refKind: number; scrutiny: boolean }
  | { kind: 'copy' }
  | { kind: 'act'; pick: number; act: Act }
  | { kind: 'scrutinise'; pick: number; finding: 'infringement' | 'no_infringement' }
  | { kind: 'finding'; pick: number; finding: 'infringement' | 'no_infringement' }
  | { kind: 'declare'; tier: number; dist: number }
  | { kind: 'entry'; pick: number; entry: 'signals_shared' | 'first_match'; byPartner: boolean }
  | { kind: 'conclude'; pick: number }
  | { kind: 'signal'; label: number; dist: number }
  | { kind: 'find'; picks: number[]; distances: number[] }
  | { kind: 'removed'; pick: number };

const pick = fc.nat(1000);
const actArb: fc.Arbitrary<Act> = fc.oneof(
  fc.constant({ type: 'acknowledged' as const }),
  fc.record({ type: fc.constant('obstacle' as const), reason: fc.constantFrom('force_majeure' as const, 'manifest_error' as const, 'insufficient_information' as const) }),
  { weight: 3, arbitrary: fc.record({ type: fc.constant('decided' as const), outcome: fc.constantFrom('removed' as const, 'disabled' as const, 'not_removed' as const), actedShare: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  fc.constant({ type: 'scrutiny_requested' as const }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('complaint' as const), decision: fc.constantFrom('upheld' as const, 'rejected' as const) }) },
  { weight: 2, arbitrary: fc.constant({ type: 'reinstated' as const }) },
);
const opArb: fc.Arbitrary<{ op: Op; minutes: number }> = fc.record({
  minutes: fc.oneof(fc.constant(0), fc.nat(90), fc.nat(600)),
  op: fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('send' as const), refKind: fc.nat(2), to: fc.constantFrom('p-a' as const, 'p-b' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('receive' as const), refKind: fc.nat(2), scrutiny: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'copy' as const }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('act' as const), pick, act: actArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('scrutinise' as const), pick, finding: fc.constantFrom('infringement' as const, 'no_infringement' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('finding' as const), pick, finding: fc.constantFrom('infringement' as const, 'no_infringement' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('declare' as const), tier: fc.nat(2), dist: fc.nat(3) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('entry' as const), pick, entry: fc.constantFrom('signals_shared' as const, 'first_match' as const), byPartner: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('conclude' as const), pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('signal' as const), label: fc.nat(2), dist: fc.nat(2) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('find' as const), picks: fc.array(pick, { minLength: 1, maxLength: 3 }), distances: fc.array(fc.nat(31), { minLength: 3, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('removed' as const), pick }) },
  ),
});

/** A referral as this test saw it change: only what the store accepted. */
interface RefModel {
  readonly id: string;
  readonly role: 'sender' | 'receiver' | 'scrutiny';
  readonly kind: string;
  readonly sender: string;
  readonly receiver: string;
  readonly scrutiny: string | null;
  readonly sentAt: string;
  readonly receivedAt: string | null;
  readonly windowMs: number;
  ackedAt: string | null;
  obstacle: { at: string; reason: string } | null;
  decided: { at: string; outcome: string; actedAt: string | null } | null;
  scrutinyRequested: boolean;
  finding: string | null;
  reinstatement: 'pending' | 'done' | null;
  readonly complaints: { at: string; decision: string }[];
  readonly reinstated: string[];
}

interface IncidentModel {
  readonly uid: string;
  readonly tier: string;
  readonly distribution: string;
  readonly declaredAt: string;
  concludedAt: string | null;
  readonly entries: { kind: string; by: string }[];
  partnerSeq: number;
}

interface FindModel {
  readonly id: number;
  readonly firstSeenAt: string;
  removedAt: string | null;
  readonly signals: readonly FindSignal[];
}

interface Oracle {
  readonly referrals: RefModel[];
  readonly incidents: IncidentModel[];
  readonly finds: FindModel[];
  readonly signals: Map<number, SignalRecord>;
}

const REFUSED = new Set(['REFERRAL_STATE_CONFLICT', 'REFERRAL_SCRUTINY_WINDOW_CLOSED', 'REFERRAL_SCRUTINY_NOT_AVAILABLE', 'REFERRAL_FIELDS_INVALID']);

function sharedFrom(id: string, kind: string, receiver: string, scrutiny: string | null, windowMs: number, n: number): SharedReferral {
  return {
    id,
    sender: 'p-a',
    receiver,
    scrutiny,
    kind,
    label: 'perpetrator_content',
    grounds: ['incites'],
    legalBasis: 'Art. 3 Regulation (EU) 2021/784',
    reasons: 'Recorded by the perpetrator, <b>inciting</b> further attacks.',
    redress: 'Appeal to the issuing authority within 30 days.',
    noticeWithheld: false,
    noticeWithheldUntil: null,
    incidentId: null,
    order: kind === 'removal_order' ? { issuingAuthority: 'Unit A', reference: `RO-${n}`, memberState: 'FR', issuedAt: '2026-10-01T00:00:00Z', contactPoint: 'desk' } : null,
    urls: [`https://video.example/watch/${n}`],
    signalUids: [],
    windowMs,
  };
}

async function build(store: KyselyStore, clock: ReturnType<typeof fixedClock>, ops: readonly { op: Op; minutes: number }[]): Promise<{ oracle: Oracle; end: number }> {
  const oracle: Oracle = { referrals: [], incidents: [], finds: [], signals: new Map() };
  const feedSeq = { 'p-a': 0, 'p-b': 0 };
  let n = 0;
  const receive = async (body: Record<string, unknown>, from: 'p-a' | 'p-b' = 'p-a') => {
    const seq = ++feedSeq[from];
    await store.applyFeedPage(from, { afterSeq: seq - 1, lastSeq: seq, lastHash: `${from}-h${seq}`, remoteHead: seq, events: [{ seq, wire: JSON.stringify({ body, hash: `${from}-h${seq}` }), body }] }, 2);
  };
  const source = await store.monitor.addSource({ url: 'https://forum.example/feed.xml', kind: 'feed', reason: 'watched', label: 'perpetrator_content', intervalMs: 3_600_000, depth: 1, localTestSite: false }, ADMIN);
  const bank = await store.createBank({ name: 'coordination', description: '' }, ADMIN);
  for (const { op, minutes } of ops) {
    clock.advance(minutes * MIN + 1000);
    const at = isoNow(clock);
    try {
      if (op.kind === 'send') {
        const kind = KINDS[op.refKind]!;
        const input = NewReferralSchema.parse({
          to: op.to,
          kind,
          content: { urls: [`https://host.example/item/${++n}`] },
          label: 'perpetrator_content',
          grounds: ['incites'],
          legalBasis: 'Art. 3 Regulation (EU) 2021/784',
          statementOfReasons: 'Livestream of the attack by its perpetrator.',
          redress: 'Appeal within 30 days.',
          ...(kind === 'removal_order' ? { order: { issuingAuthority: 'Unit', reference: `R-${n}`, memberState: 'FR', issuedAt: '2026-10-01T00:00:00Z', contactPoint: 'desk' } } : {}),
        });
        const row = await store.referrals.send(validateReferral(input, clock.now(), DEFAULTS, (id) => id === 'p-a' || id === 'p-b'), ADMIN, null);
        oracle.referrals.push({ id: row.id, role: 'sender', kind, sender: SELF, receiver: op.to, scrutiny: null, sentAt: row.sent_at, receivedAt: null, windowMs: Number(row.window_ms), ackedAt: null, obstacle: null, decided: null, scrutinyRequested: false, finding: null, reinstatement: null, complaints: [], reinstated: [] });
      } else if (op.kind === 'receive' || op.kind === 'copy') {
        const kind = op.kind === 'copy' ? 'removal_order' : KINDS[op.refKind]!;
        const windowMs = kind === 'removal_order' ? 3_600_000 : kind === 'threat_to_life' ? 15 * MIN : 6 * 3_600_000;
        const receiver = op.kind === 'copy' ? 'p-b' : SELF;
        const scrutiny = op.kind === 'copy' ? SELF : op.scrutiny && kind === 'removal_order' ? 'p-b' : null;
        const id = `ref-${++n}`;
        // Sent a little before it arrives, by the sender's clock.
        const sentAt = new Date(clock.now() - 500).toISOString();
        await receive({ type: 'referral.sent', at: sentAt, node: 'p-a', referral: sharedFrom(id, kind, receiver, scrutiny, windowMs, n) });
        const row = (await store.referrals.get(id))!.row;
        assert.equal(row.role, op.kind === 'copy' ? 'scrutiny' : 'receiver');
        oracle.referrals.push({ id, role: row.role as RefModel['role'], kind, sender: 'p-a', receiver, scrutiny, sentAt, receivedAt: row.received_at, windowMs, ackedAt: null, obstacle: null, decided: null, scrutinyRequested: false, finding: null, reinstatement: null, complaints: [], reinstated: [] });
      } else if (op.kind === 'act' || op.kind === 'scrutinise') {
        const role = op.kind === 'act' ? 'receiver' : 'scrutiny';
        const act: Act | { type: 'scrutiny_decided'; finding: string } = op.kind === 'act' ? op.act : { type: 'scrutiny_decided', finding: op.finding };
        // Aim remedies at referrals they may apply to (most of the time), so long chains happen in few runs; the store still decides.
        const aimed = (r: RefModel) => (act.type === 'complaint' ? r.decided?.outcome === 'removed' || r.decided?.outcome === 'disabled' : act.type === 'reinstated' ? r.reinstatement === 'pending' : true);
        const all = oracle.referrals.filter((r) => r.role === role);
        const mine = op.pick % 4 === 0 || !all.some(aimed) ? all : all.filter(aimed);
        if (mine.length === 0) continue;
        // Counted from the latest: pick 0 is the referral received last (the example below relies on it).
        const r = mine[mine.length - 1 - (op.pick % mine.length)]!;
        const actedAt = act.type === 'decided' && act.outcome !== 'not_removed' ? new Date(Date.parse(r.receivedAt!) + Math.floor(act.actedShare * (clock.now() - Date.parse(r.receivedAt!)))).toISOString() : null;
        const fields: Record<ActionType, object> = {
          acknowledged: {},
          obstacle: { reason: act.type === 'obstacle' ? act.reason : '', explanation: 'The order names another service.' },
          cleared: {},
          decided: { outcome: act.type === 'decided' ? act.outcome : '', actedAt, reason: 'Not terrorist content under our terms.' },
          scrutiny_requested: { reasons: 'The order is disproportionate.' },
          scrutiny_decided: { finding: act.type === 'scrutiny_decided' ? act.finding : '', reasons: 'Reviewed on own initiative.' },
          complaint: { contentRef: 'https://video.example/watch/x', decision: act.type === 'complaint' ? act.decision : '' },
          reinstated: { contentRef: 'https://video.example/watch/x' },
        };
        const parsed = parseAction(act.type, fields[act.type]);
        if (!parsed.ok) throw new Error(parsed.message);
        await store.referrals.act(r.id, parsed.action, ADMIN);
        // Accepted: note what it changed, as the rule book says (referral-rules.ts).
        if (act.type === 'acknowledged') r.ackedAt = at;
        else if (act.type === 'obstacle') r.obstacle = { at, reason: act.reason };
        else if (act.type === 'decided') r.decided = { at, outcome: act.outcome, actedAt };
        else if (act.type === 'scrutiny_requested') r.scrutinyRequested = true;
        else if (act.type === 'scrutiny_decided') r.finding = act.finding;
        else if (act.type === 'complaint') {
          r.complaints.push({ at, decision: act.decision });
          if (act.decision === 'upheld' && r.reinstatement !== 'done') r.reinstatement = 'pending';
        } else if (act.type === 'reinstated') {
          r.reinstated.push(at);
          r.reinstatement = 'done';
        }
      } else if (op.kind === 'finding') {
        // The scrutiny authority's finding on an order received here, from its feed.
        const scrutinised = oracle.referrals.filter((r) => r.role === 'receiver' && r.scrutiny === 'p-b');
        if (scrutinised.length === 0) continue;
        const r = scrutinised[scrutinised.length - 1 - (op.pick % scrutinised.length)]!;
        const before = (await store.referrals.get(r.id))!.history.length;
        await receive({ type: 'referral.scrutiny_decided', at, node: 'p-b', referral: r.id, eventId: `finding-${++n}`, finding: op.finding, reasons: 'Reviewed on request or own initiative.' }, 'p-b');
        // Refused (decided already, window closed) when the history did not grow: nothing changed.
        if ((await store.referrals.get(r.id))!.history.length > before) r.finding = op.finding;
      } else if (op.kind === 'declare') {
        const { incident } = await store.incidents.declare(
          { title: `Incident <i>${++n}</i>`, tier: TIERS[op.tier]!, criteria: [], eventAt: at, discoveredAt: at, bankIds: [], signalUids: [], externalRefs: [], leadProtocol: null, distribution: INCIDENT_DISTRIBUTIONS[op.dist]! },
          INCIDENT_CRITERIA.map((criterion) => ({ criterion, met: true, reason: 'observed' })),
          ADMIN,
        );
        oracle.incidents.push({ uid: incident.id, tier: incident.tier, distribution: incident.distribution, declaredAt: incident.declaredAt, concludedAt: null, entries: [], partnerSeq: 0 });
      } else if (op.kind === 'entry' || op.kind === 'conclude') {
        if (oracle.incidents.length === 0) continue;
        const inc = oracle.incidents[op.pick % oracle.incidents.length]!;
        if (op.kind === 'conclude') {
          if (inc.concludedAt !== null) continue;
          await store.incidents.addEntries(inc.uid, [{ kind: 'concluded', text: 'over', eventAt: at, discoveredAt: at }], ADMIN, undefined, true);
          inc.concludedAt = at;
        } else if (!op.byPartner) {
          await store.incidents.addEntries(inc.uid, [{ kind: op.entry, text: 'ours', data: { count: 1 }, eventAt: at, discoveredAt: at }], ADMIN);
          inc.entries.push({ kind: op.entry, by: SELF });
        } else {
          inc.partnerSeq += 1;
          const entry = { uid: `entry-${++n}`, incident: inc.uid, byNode: 'p-a', nodeSeq: inc.partnerSeq, kind: op.entry, eventAt: at, discoveredAt: at, text: 'from A', data: {} };
          await receive({ type: 'incident.entry', at, node: 'p-a', entry });
          // Taken only when partner A may see the incident (incident-received.ts); refused ones change nothing.
          if (maySeeIncident({ distribution: inc.distribution, declarer: SELF, receivedFrom: null }, { kind: 'partner-node', partnerId: 'p-a', sharingGroups: ['eu'] })) inc.entries.push({ kind: op.entry, by: 'p-a' });
        }
      } else if (op.kind === 'signal') {
        const [s] = await store.addSignals(bank.id, [{ type: 'md5', value: (++n).toString(16).padStart(32, '0'), label: LABELS[op.label]!, reason: 'seen', distribution: SIGNAL_DISTRIBUTIONS[op.dist]! }], ADMIN);
        oracle.signals.set(s!.id, s!);
      } else if (op.kind === 'find') {
        const ids = [...oracle.signals.keys()];
        if (ids.length === 0) continue;
        const chosen = [...new Set(op.picks.map((p) => ids[p % ids.length]!))];
        const signals: FindSignal[] = chosen.map((id, i) => {
          const s = oracle.signals.get(id)!;
          return { signalId: id, uid: s.uid, type: s.type, label: s.label, distance: op.distances[i]!, contributor: s.contributor, incidentId: s.incidentId ?? null };
        });
        const { find } = await store.monitor.recordFind({ sourceId: source.id, url: `https://forum.example/post/${++n}`, signals, contentSha256: null, nextCheckAt: at });
        oracle.finds.push({ id: find.id, firstSeenAt: find.firstSeenAt, removedAt: null, signals });
      } else if (op.kind === 'removed') {
        const open = oracle.finds.filter((f) => f.removedAt === null);
        if (open.length === 0) continue;
        const f = open[op.pick % open.length]!;
        assert.ok(await store.monitor.markRemoved(f.id, 'gone'));
        f.removedAt = at;
      }
    } catch (err) {
      // Refused actions (a decision twice, scrutiny of a referral, late scrutiny) store nothing.
      if (!(err instanceof ConcordError) || !REFUSED.has(err.code)) throw err;
    }
  }
  // Signals as stored now (confirmation moved some): what the viewer rule reads.
  for (const s of await store.getSignals([...oracle.signals.keys()])) oracle.signals.set(s.id, s);
  return { oracle, end: clock.now() };
}

type Counts = Map<string, Record<string, number>>;
const keyOf = (...parts: string[]) => JSON.stringify(parts);
const inPeriod = (at: string | null, p: ReportPeriod) => at !== null && at >= p.from && at < p.to;

function bump(map: Counts, key: string, measure: string, by = 1): void {
  const row = map.get(key) ?? {};
  row[measure] = (row[measure] ?? 0) + by;
  map.set(key, row);
}

const partyTo = (r: RefModel, viewer: Viewer) => viewer.kind === 'self' || [r.sender, r.receiver, r.scrutiny].includes(viewer.partnerId);

/** The expected rows of every coordination table, from the oracle alone. */
function expected(oracle: Oracle, viewer: Viewer, p: ReportPeriod): Record<string, Counts> {
  const out: Record<string, Counts> = { referrals: new Map(), referralObstacles: new Map(), referralScrutiny: new Map(), referralRemedies: new Map(), incidents: new Map(), monitorFinds: new Map() };
  for (const r of oracle.referrals) {
    if (!partyTo(r, viewer)) continue;
    if (r.role === 'receiver') {
      for (const c of r.complaints) if (inPeriod(c.at, p)) (bump(out.referralRemedies!, keyOf('received'), 'complaints'), bump(out.referralRemedies!, keyOf('received'), c.decision));
      for (const at of r.reinstated) if (inPeriod(at, p)) bump(out.referralRemedies!, keyOf('received'), 'reinstatements');
    }
    if (!inPeriod(r.sentAt, p)) continue;
    if (r.role === 'scrutiny') {
      const k = keyOf('authority');
      bump(out.referralScrutiny!, k, 'copies');
      if (r.finding) bump(out.referralScrutiny!, k, r.finding);
      continue;
    }
    const direction = r.role === 'sender' ? 'sent' : 'received';
    const k = keyOf(direction, r.kind);
    bump(out.referrals!, k, 'referrals');
    bump(out.referrals!, k, r.finding === 'infringement' ? 'voided' : (r.decided?.outcome ?? 'open'));
    if (r.receivedAt !== null) {
      const met = r.kind === 'threat_to_life' ? r.ackedAt : r.decided ? (r.decided.actedAt ?? r.decided.at) : null;
      // An obstacle is never cleared here (that is the sender's), so the clock stays paused from it until the decision.
      const paused = r.decided && r.obstacle ? Date.parse(r.decided.at) - Date.parse(r.obstacle.at) : 0;
      if (met !== null) bump(out.referrals!, k, Date.parse(met) <= Date.parse(r.receivedAt) + r.windowMs + paused ? 'on_time' : 'late');
    }
    if (r.obstacle) bump(out.referralObstacles!, keyOf(direction, r.obstacle.reason), 'obstacles');
    if (r.scrutinyRequested) {
      bump(out.referralScrutiny!, keyOf(direction), 'requested');
      bump(out.referralScrutiny!, keyOf(direction), r.finding === 'infringement' ? 'infringement' : r.finding === 'no_infringement' ? 'no_infringement' : 'pending');
    }
  }
  for (const i of oracle.incidents) {
    if (!maySeeIncident({ distribution: i.distribution, declarer: SELF, receivedFrom: null }, viewer)) continue;
    const k = keyOf(i.tier);
    if (inPeriod(i.concludedAt, p)) bump(out.incidents!, k, 'concluded');
    if (!inPeriod(i.declaredAt, p)) continue;
    bump(out.incidents!, k, 'declared');
    if (i.entries.some((e) => e.kind === 'signals_shared')) bump(out.incidents!, k, 'with_signals_shared');
    bump(out.incidents!, k, 'partners_matching', new Set(i.entries.filter((e) => e.kind === 'first_match').map((e) => e.by)).size);
  }
  for (const f of oracle.finds) {
    const seen = f.signals.filter((s) => maySee(oracle.signals.get(s.signalId)!, viewer));
    if (seen.length === 0) continue;
    const label = seen.reduce((best, s) => (s.distance < best.distance ? s : best)).label;
    if (inPeriod(f.removedAt, p)) bump(out.monitorFinds!, keyOf(label), 'removals');
    if (!inPeriod(f.firstSeenAt, p)) continue;
    bump(out.monitorFinds!, keyOf(label), 'found');
    const after = f.removedAt === null ? null : Date.parse(f.removedAt) - Date.parse(f.firstSeenAt);
    bump(out.monitorFinds!, keyOf(label), after === null ? 'online' : 'removed');
    if (after !== null && after <= DAY) bump(out.monitorFinds!, keyOf(label), 'removed_within_1d');
    if (after !== null && after <= 7 * DAY) bump(out.monitorFinds!, keyOf(label), 'removed_within_7d');
  }
  return out;
}

/** A table's rows as a map, leaving out zero counts so it compares with the oracle's. */
function rowsOf(table: ReportTable): Counts {
  const map: Counts = new Map();
  for (const r of table.rows) {
    const counts = Object.fromEntries(Object.entries(r.counts).filter(([, v]) => v !== 0));
    if (Object.keys(counts).length > 0) map.set(keyOf(...table.dimensions.map((d) => r.key[d]!)), counts);
  }
  return map;
}

const dropEmpty = (m: Counts): Counts => new Map([...m].filter(([, v]) => Object.values(v).some((x) => x !== 0)));
const sorted = (m: Counts) => [...dropEmpty(m).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== 0).sort())]);

function add(a: Counts, b: Counts): Counts {
  const sum: Counts = new Map();
  for (const m of [a, b]) for (const [k, row] of m) for (const [measure, v] of Object.entries(row)) bump(sum, k, measure, v);
  return sum;
}

/**
 * A hand-written run that makes every measure non-zero (fast-check runs it besides the
 * random ones): acts pick the latest referral (pick 0), removals the oldest open find.
 */
const t = (minutes: number, op: Op) => ({ minutes, op });
const EVERY_MEASURE: { op: Op; minutes: number }[] = [
  t(0, { kind: 'signal', label: 0, dist: 1 }),
  t(0, { kind: 'signal', label: 1, dist: 2 }),
  t(5, { kind: 'find', picks: [0, 1], distances: [4, 9, 0] }),
  t(5, { kind: 'find', picks: [1], distances: [2, 0, 0] }),
  t(5, { kind: 'find', picks: [0], distances: [1, 0, 0] }),
  t(60, { kind: 'removed', pick: 0 }), // within a day
  t(3 * 1440, { kind: 'removed', pick: 0 }), // within a week, not a day
  t(1, { kind: 'declare', tier: 0, dist: 1 }),
  t(1, { kind: 'entry', pick: 0, entry: 'signals_shared', byPartner: false }),
  t(1, { kind: 'entry', pick: 0, entry: 'first_match', byPartner: true }),
  t(1, { kind: 'conclude', pick: 0 }),
  t(1, { kind: 'send', refKind: 0, to: 'p-a' }),
  // A removal order with a scrutiny authority: obstacle, removal on time, scrutiny pending, complaints, reinstatement.
  t(1, { kind: 'receive', refKind: 0, scrutiny: true }),
  t(10, { kind: 'act', pick: 0, act: { type: 'obstacle', reason: 'manifest_error' } }),
  t(20, { kind: 'act', pick: 0, act: { type: 'decided', outcome: 'removed', actedShare: 0.5 } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'scrutiny_requested' } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'complaint', decision: 'upheld' } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'reinstated' } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'complaint', decision: 'rejected' } }),
  // Not removed, late; then voided by the authority's finding.
  t(1, { kind: 'receive', refKind: 0, scrutiny: true }),
  t(120, { kind: 'act', pick: 0, act: { type: 'decided', outcome: 'not_removed', actedShare: 0 } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'scrutiny_requested' } }),
  t(1, { kind: 'finding', pick: 0, finding: 'infringement' }),
  t(1, { kind: 'receive', refKind: 0, scrutiny: true }),
  t(1, { kind: 'act', pick: 0, act: { type: 'decided', outcome: 'not_removed', actedShare: 0 } }),
  t(1, { kind: 'act', pick: 0, act: { type: 'scrutiny_requested' } }),
  t(1, { kind: 'finding', pick: 0, finding: 'no_infringement' }),
  // A threat-to-life notice acknowledged in time; a referral disabled in time; an order left open behind an obstacle.
  t(1, { kind: 'receive', refKind: 2, scrutiny: false }),
  t(5, { kind: 'act', pick: 0, act: { type: 'acknowledged' } }),
  t(1, { kind: 'receive', refKind: 1, scrutiny: false }),
  t(30, { kind: 'act', pick: 0, act: { type: 'decided', outcome: 'disabled', actedShare: 1 } }),
  t(1, { kind: 'receive', refKind: 0, scrutiny: false }),
  t(1, { kind: 'act', pick: 0, act: { type: 'obstacle', reason: 'force_majeure' } }),
  // Copies held as the scrutiny authority, and its own findings.
  t(1, { kind: 'copy' }),
  t(1, { kind: 'scrutinise', pick: 0, finding: 'no_infringement' }),
  t(1, { kind: 'copy' }),
  t(1, { kind: 'scrutinise', pick: 0, finding: 'infringement' }),
];

const SECTIONS = [referralsSection, incidentsSection, monitorSection];
const TABLES = ['referrals', 'referralObstacles', 'referralScrutiny', 'referralRemedies', 'incidents', 'monitorFinds'];
const tableOf = (report: TransparencyReport, name: string): ReportTable => report.sections.flatMap((s) => s.data.tables).find((t) => t.name === name)!;

/** The coordination sections' reconciliation property, on one dialect: `open` gives a fresh store per run. */
export function coordinationReconcileCases(name: string, open: (options: StoreOptions) => Promise<KyselyStore>, numRuns: number): void {
  describe(`transparency report reconciles, coordination sections: ${name}`, () => {
    test('referral, incident and monitor totals are the sums of their rows, rows equal the counts kept while operating, and adjacent periods add up', async () => {
      const seenNonZero = new Set<string>();
      let hiddenFromPartner = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 30, maxLength: 100 }), fc.tuple(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0.1, max: 0.9, noNaN: true })), async (ops, cuts) => {
          const clock = fixedClock(START);
          const store = await open({ clock, ids: sequentialIds(), confirmations: confirmationPolicy({ local: 0, group: 0, partners: 0, network: 0 }) });
          try {
            const key = NodeKey.generate();
            store.attachFeedSigner({ nodeId: SELF, sign: (d) => key.sign(d) });
            await store.setSetting('node.partner', SELF);
            await store.createPartner({ id: SELF, name: 'Self node', kind: 'self' }, ADMIN);
            await store.createPartner({ id: 'p-a', name: 'Partner A', kind: 'partner', sharingGroups: ['eu'] }, ADMIN);
            await store.createPartner({ id: 'p-b', name: 'Partner B', kind: 'partner' }, ADMIN);
            const { oracle, end } = await build(store, clock, ops);
            const hours = Math.ceil((end - START) / 3_600_000) + 1;
            const [c1, c2] = [Math.round(hours * Math.min(...cuts)), Math.max(Math.round(hours * Math.max(...cuts)), Math.round(hours * Math.min(...cuts)) + 1)];
            const at = (h: number) => new Date(START + h * 3_600_000).toISOString();
            const periods = { p1: { from: at(0), to: at(c1) }, p2: { from: at(c1), to: at(c2) }, union: { from: at(0), to: at(c2) }, all: { from: at(0), to: at(Math.max(hours, c2 + 1)) } };
            const totalFound: number[] = [];
            for (const viewer of VIEWERS) {
              const r: Record<string, TransparencyReport> = {};
              for (const [pname, period] of Object.entries(periods)) {
                r[pname] = await inReportSnapshot(store, (db) => transparencyReport({ db, viewer }, period, { node: SELF, generatedAt: isoNow(clock) }, SECTIONS));
                const want = expected(oracle, viewer, period);
                for (const { data } of r[pname]!.sections) {
                  for (const table of data.tables) {
                    for (const m of table.measures) assert.equal(table.totals[m], table.rows.reduce((sum, row) => sum + row.counts[m], 0), `${table.name}.${m} total`);
                    assert.deepEqual(sorted(rowsOf(table)), sorted(want[table.name]!), `${table.name} rows for ${viewer.kind === 'self' ? 'self' : viewer.partnerId} in ${pname}`);
                    for (const m of table.measures) if (table.totals[m]! > 0) seenNonZero.add(`${table.name}.${m}`);
                  }
                }
                // The spreads count what the tables count.
                const monitor = r[pname]!.sections.find((s) => s.section.name === 'monitor')!.data as unknown as { durations: { count: number }[] };
                assert.equal(monitor.durations[0]!.count, tableOf(r[pname]!, 'monitorFinds').totals.removed);
                const incidents = r[pname]!.sections.find((s) => s.section.name === 'incidents')!.data as unknown as { durations: { count: number }[]; incidents: unknown[] };
                assert.equal(incidents.incidents.length, tableOf(r[pname]!, 'incidents').totals.declared);
                assert.equal(incidents.durations[2]!.count, tableOf(r[pname]!, 'incidents').totals.partners_matching);
              }
              for (const name of TABLES) {
                assert.deepEqual(sorted(add(rowsOf(tableOf(r.p1!, name)), rowsOf(tableOf(r.p2!, name)))), sorted(rowsOf(tableOf(r.union!, name))), `${name}: p1 + p2 = union`);
              }
              totalFound.push(tableOf(r.all!, 'monitorFinds').totals.found! + tableOf(r.all!, 'referrals').totals.referrals! + tableOf(r.all!, 'incidents').totals.declared!);
            }
            hiddenFromPartner += Math.max(0, totalFound[0]! - totalFound[1]!) + Math.max(0, totalFound[0]! - totalFound[2]!);
          } finally {
            await store.close();
          }
        }),
        { numRuns, examples: [[EVERY_MEASURE, [0.3, 0.7]]] },
      );
      // Every measure was non-zero in some run, and partners saw less than the node: else the property proved little.
      const all = ['referrals', 'removed', 'disabled', 'not_removed', 'voided', 'open', 'on_time', 'late'].map((m) => `referrals.${m}`);
      all.push('referralObstacles.obstacles', 'referralScrutiny.copies', 'referralScrutiny.requested', 'referralScrutiny.pending', 'referralScrutiny.infringement', 'referralScrutiny.no_infringement');
      all.push(...['complaints', 'upheld', 'rejected', 'reinstatements'].map((m) => `referralRemedies.${m}`));
      all.push(...['declared', 'concluded', 'with_signals_shared', 'partners_matching'].map((m) => `incidents.${m}`));
      all.push(...['found', 'removed', 'removed_within_1d', 'removed_within_7d', 'online', 'removals'].map((m) => `monitorFinds.${m}`));
      assert.deepEqual(all.filter((m) => !seenNonZero.has(m)), [], 'measures never non-zero');
      assert.ok(hiddenFromPartner > 0, 'no run hid anything from a partner');
    });
  });
}
