import { leavesTheNode } from './contribution.js';
import { callNode, callUntilAck } from './node-client.js';
import { allowedStates, sameState, type SignalState, type WriteLedger } from './write-ledger.js';

/** A signal as the node under test shows it after the run. */
export interface ObservedSignal {
  readonly id: number;
  readonly value: string;
  readonly distribution: string;
  readonly reviewedAt: string | null;
  readonly status: string;
  readonly opinions: number;
  /** Audit actions recorded for the signal, in order. */
  readonly audit: string[];
}

const MATCH_BATCH = 1000;
const statusesOf = ['disputed', 'retracted'];

/** Exact-value lookups on a node: value → the stored signal's id and status, disputed and retracted ones included. */
export async function lookupValues(url: string, key: string, values: readonly string[]): Promise<Map<string, { id: number; status: string }>> {
  const found = new Map<string, { id: number; status: string }>();
  for (let i = 0; i < values.length; i += MATCH_BATCH) {
    const batch = values.slice(i, i + MATCH_BATCH);
    const res = await callUntilAck(url, 'POST', '/v1/match', key, { signals: batch.map((value) => ({ type: 'pdq', value })), include: statusesOf });
    for (const r of res.results as { query: { value: string }; matches: { signalId: number; status: string; distance: number }[] }[]) {
      const exact = r.matches.filter((m) => m.distance === 0);
      if (exact.length > 1) throw new Error(`${exact.length} signals hold the value ${r.query.value}`);
      if (exact[0]) found.set(r.query.value, { id: exact[0].signalId, status: exact[0].status });
    }
  }
  return found;
}

/** Reads each signal in full (`GET /v1/signals/:id`), a few at a time; a signal the node does not have is left out. */
export async function readSignals(url: string, key: string, ids: readonly number[]): Promise<Map<number, ObservedSignal>> {
  const out = new Map<number, ObservedSignal>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const res = await readSignal(url, key, id);
      if (!res) continue;
      out.set(id, {
        id,
        value: res.signal.value,
        distribution: res.signal.distribution,
        reviewedAt: res.signal.reviewedAt,
        status: res.signal.status,
        opinions: res.opinions.length,
        audit: (res.audit as { action: string }[]).map((a) => a.action),
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

async function readSignal(url: string, key: string, id: number): Promise<any | undefined> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const out = await callNode(url, 'GET', `/v1/signals/${id}`, key);
    if (out.kind === 'ack') return out.json;
    if (out.kind === 'refused' && out.code === 'NOT_FOUND') return undefined;
    if (out.kind === 'refused' || Date.now() > deadline) throw new Error(`GET /v1/signals/${id}: ${JSON.stringify(out)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the durability check found: each problem in words, with the signal's value. */
export interface DurabilityReport {
  readonly checked: number;
  /** Signals whose write was not acknowledged and turned out stored. */
  readonly unknownStored: number;
  readonly problems: string[];
  /** Every signal the node holds from the run, by value. */
  readonly observed: Map<string, ObservedSignal>;
}

const describe = (s: SignalState) => (s.exists ? `${s.status}${s.reviewed ? ', reviewed' : ''}, ${s.opinions} opinions` : 'absent');

/**
 * Every acknowledged write is there with the right state, every write without an answer
 * is there or not (whole batches only), the audit trail of each signal records its writes,
 * and the node's index matches each signal with the state its record has.
 */
export async function checkDurability(url: string, key: string, ledger: WriteLedger): Promise<DurabilityReport> {
  const problems: string[] = [];
  const byValue = await lookupValues(url, key, ledger.signals.map((s) => s.value));
  const ids = new Set<number>();
  for (const s of ledger.signals) {
    const hit = byValue.get(s.value);
    if (s.id !== undefined && hit && hit.id !== s.id) problems.push(`${s.value}: acknowledged as signal ${s.id}, matched as ${hit.id}`);
    if (s.id !== undefined) ids.add(s.id);
    if (hit) ids.add(hit.id);
  }
  const read = await readSignals(url, key, [...ids]);
  const observed = new Map([...read.values()].map((o) => [o.value, o]));

  let unknownStored = 0;
  const batchStored = new Map<number, boolean[]>();
  for (const s of ledger.signals) {
    const o = observed.get(s.value);
    const state: SignalState = o ? { exists: true, status: o.status as SignalState['status'], reviewed: o.reviewedAt !== null, opinions: o.opinions } : { exists: false, status: 'active', reviewed: false, opinions: 0 };
    const allowed = allowedStates(s);
    if (!allowed.some((a) => sameState(a, state))) {
      problems.push(`${s.value} (signal ${s.id ?? o?.id ?? '?'}): ${describe(state)}; expected ${allowed.map(describe).join(' or ')} after ${JSON.stringify(s.acked)}${s.unknown ? ` and unanswered ${JSON.stringify(s.unknown)}` : ''}`);
    }
    if (s.id === undefined && s.unknown?.kind === 'add') {
      batchStored.set(s.batch, [...(batchStored.get(s.batch) ?? []), !!o]);
      if (o) unknownStored += 1;
    }
    if (!o) continue;
    const hit = byValue.get(s.value);
    if (hit?.status !== o.status) problems.push(`${s.value} (signal ${o.id}): the record says ${o.status}, the index matches it as ${hit?.status ?? 'absent'}`);
    const count = (action: string) => o.audit.filter((a) => a === action).length;
    if (count('signal.added') !== 1) problems.push(`${s.value} (signal ${o.id}): ${count('signal.added')} signal.added audit entries`);
    if (count('opinion.added') !== o.opinions) problems.push(`${s.value} (signal ${o.id}): ${o.opinions} opinions but ${count('opinion.added')} opinion.added audit entries`);
    if ((o.status === 'retracted') !== (count('signal.retracted') === 1)) problems.push(`${s.value} (signal ${o.id}): ${o.status} with ${count('signal.retracted')} signal.retracted audit entries`);
  }
  for (const [batch, stored] of batchStored) {
    if (stored.some(Boolean) && !stored.every(Boolean)) problems.push(`batch ${batch}: ${stored.filter(Boolean).length} of ${stored.length} signals of one unanswered add were stored`);
  }
  return { checked: ledger.signals.length, unknownStored, problems, observed };
}

/** value → status of what a partner should hold from the node under test. */
export function shareableStates(observed: ReadonlyMap<string, ObservedSignal>): Map<string, string> {
  return new Map([...observed.values()].filter(leavesTheNode).map((o) => [o.value, o.status]));
}

/**
 * value → status of what a partner holds of `values` (every value the run wrote, so a
 * local or never-stored signal that reached the partner shows too). Looked up by match,
 * because a partner's hash-list export leaves out what it may not pass on.
 */
export async function heldOf(url: string, key: string, values: readonly string[]): Promise<Map<string, string>> {
  const found = await lookupValues(url, key, values);
  return new Map([...found].map(([v, { status }]) => [v, status]));
}

/** Differences between what a partner should hold and what it holds, in words (at most `limit`). */
export function differences(expected: ReadonlyMap<string, string>, held: ReadonlyMap<string, string>, limit = 20): string[] {
  const out: string[] = [];
  for (const [v, status] of expected) if (held.get(v) !== status) out.push(`${v}: ${status} on the node, ${held.get(v) ?? 'absent'} at the partner`);
  for (const [v, status] of held) if (!expected.has(v)) out.push(`${v}: ${status} at the partner, not shareable on the node`);
  return out.slice(0, limit).concat(out.length > limit ? [`… and ${out.length - limit} more`] : []);
}
