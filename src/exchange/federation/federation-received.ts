import type { AuditEvent } from '../../domain/audit-event.js';
import type { Distribution, OpinionKind, SignalRecord, SignalStatus } from '../../domain/signal-record.js';
import { isLabel, type Label } from '../../taxonomy/labels.js';
import { oneHopLess } from '../distribution.js';
import type { KnownBody, PendingEvent, SharedSignal } from '../feed/feed-body.js';
import { aboutSignal, relayOf } from './federation-audience.js';

/*
 * What a partner's verified event means for this node, decided from the state the store
 * read and returned as changes the store applies in its transaction. Nothing here reads
 * or writes a database, so every rule is tested on plain values.
 */

/** The partner a page came from, as the rules need it. */
export interface Sender {
  readonly id: string;
}

export type Skip = { readonly kind: 'skip' };
const SKIP: Skip = { kind: 'skip' };

/** A change to a signal's stored fields, with what to audit and publish. */
export type SignalChangeDecision =
  | Skip
  | {
      readonly kind: 'apply';
      readonly set: { readonly status?: SignalStatus; readonly statusReason?: string | null; readonly label?: Label };
      readonly audit: AuditEvent;
      readonly feed: readonly PendingEvent[];
    };

type ChangeBody = Extract<KnownBody, { type: 'signal.retracted' | 'signal.status_changed' | 'signal.label_changed' }>;

/**
 * A retraction, status change or relabelling from a partner. Only the node that gave us
 * the signal, or its origin, may change it; a retracted signal stays retracted; unknown
 * statuses and labels outside the taxonomy are skipped, never guessed at.
 *
 * @example
 *   decideReceivedChange(signal, { type: 'signal.retracted', uid, reason, at, node }, { id: 'p-a' });
 */
export function decideReceivedChange(signal: SignalRecord, body: ChangeBody, from: Sender): SignalChangeDecision {
  if (signal.receivedFrom !== from.id && signal.origin !== from.id) return SKIP;
  if (body.type === 'signal.retracted') return statusChange(signal, 'retracted', body.reason, body, from);
  if (body.type === 'signal.status_changed') {
    if (body.status !== 'active' && body.status !== 'disputed') return SKIP;
    return statusChange(signal, body.status, body.reason, body, from);
  }
  if (!isLabel(body.label) || signal.label === body.label) return SKIP;
  return {
    kind: 'apply',
    set: { label: body.label },
    audit: { action: 'signal.label_changed', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, from: signal.label, to: body.label, reason: body.reason, via: from.id } },
    feed: [aboutSignal(signal, relayOf(body))],
  };
}

function statusChange(signal: SignalRecord, status: 'retracted' | 'active' | 'disputed', reason: string | null, body: KnownBody, from: Sender): SignalChangeDecision {
  if (signal.status === status || signal.status === 'retracted') return SKIP;
  return {
    kind: 'apply',
    set: { status, statusReason: reason },
    audit: { action: status === 'retracted' ? 'signal.retracted' : 'signal.status_changed', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, from: signal.status, to: status, reason, via: from.id } },
    feed: [aboutSignal(signal, relayOf(body))],
  };
}

/** A received opinion to record, and whether this node (the origin) must recount the status. */
export type OpinionDecision =
  | Skip
  | {
      readonly kind: 'apply';
      readonly opinion: { readonly uid: string; readonly partner: string; readonly opinion: OpinionKind; readonly reason: string };
      readonly audit: AuditEvent;
      readonly feed: readonly PendingEvent[];
      readonly recount: boolean;
    };

/**
 * An opinion is recorded wherever it arrives, once (by its network-wide id). The signal's
 * origin decides what it means for the status and tells everyone; other nodes pass it on
 * upstream only, towards the origin, so feedback from several hops away still reaches
 * the contributor.
 */
export function decideReceivedOpinion(signal: SignalRecord, body: Extract<KnownBody, { type: 'opinion.added' }>, from: Sender, alreadyRecorded: boolean): OpinionDecision {
  if (alreadyRecorded) return SKIP;
  const relay = relayOf(body);
  const atOrigin = signal.origin === null;
  const feed: PendingEvent[] = atOrigin
    ? [{ body: relay, audience: signal.distribution }]
    : from.id !== signal.receivedFrom && signal.receivedFrom
      ? [{ body: relay, audience: 'local', audienceNode: signal.receivedFrom }]
      : [];
  return {
    kind: 'apply',
    opinion: { uid: body.opinionUid, partner: body.partner, opinion: body.opinion, reason: body.reason },
    audit: { action: 'opinion.received', subjectType: 'signal', subjectId: signal.id, details: { uid: signal.uid, partner: body.partner, opinion: body.opinion, reason: body.reason, via: from.id } },
    feed,
    recount: atOrigin,
  };
}

/**
 * Which of a page's new signals to take in: not our own coming back, not labels outside
 * the closed taxonomy, and each network-wide id once. The store then drops those it holds.
 */
export function screenReceivedSignals<T extends { readonly shared: SharedSignal }>(batch: readonly T[], selfNode: string | undefined): { fresh: Map<string, T>; skipped: number } {
  const fresh = new Map<string, T>();
  let skipped = 0;
  for (const item of batch) {
    if (item.shared.origin === selfNode || !isLabel(item.shared.label) || fresh.has(item.shared.uid)) skipped += 1;
    else fresh.set(item.shared.uid, item);
  }
  return { fresh, skipped };
}

/**
 * How a received signal is stored here: one hop less far than it came, disputed only if
 * it was disputed at its origin. Received signals were confirmed at their origin.
 */
export function receivedSignalTerms(shared: SharedSignal): { distribution: Distribution; status: 'active' | 'disputed'; statusReason: string | null } {
  const disputed = shared.status === 'disputed';
  return { distribution: oneHopLess(shared.distribution), status: disputed ? 'disputed' : 'active', statusReason: disputed ? 'disputed at its origin' : null };
}

/** What taking in a received signal records and passes on (a relay, with the origin's event, unless it stops here). */
export function receivedSignalEffects(signal: SignalRecord, shared: SharedSignal, wire: string, from: Sender): { audit: AuditEvent; feed: readonly PendingEvent[] } {
  return {
    audit: {
      action: 'signal.received',
      subjectType: 'signal',
      subjectId: signal.id,
      details: { uid: signal.uid, origin: signal.origin, from: from.id, type: signal.type, value: signal.value, label: signal.label, contributor: signal.contributor, distribution: signal.distribution },
    },
    feed: signal.distribution === 'local' ? [] : [{ body: { type: 'signal.added', signal: { ...shared, distribution: signal.distribution }, original: wire }, audience: signal.distribution }],
  };
}

/** The partner's new key, taken only from its own feed and only if its current key signed the change. */
export function decideKeyRotation(from: Sender, currentKey: string | null | undefined, body: Extract<KnownBody, { type: 'key.rotated' }>): Skip | { kind: 'apply'; publicKey: string; audit: AuditEvent } {
  if (body.node !== from.id || currentKey !== body.previous) return SKIP;
  return { kind: 'apply', publicKey: body.publicKey, audit: { action: 'partner.key_rotated', subjectType: 'partner', subjectId: from.id, details: { previous: body.previous, publicKey: body.publicKey } } };
}
