import type { AuditEvent } from '../../domain/audit-event.js';
import type { OpinionKind, SignalRecord, SignalStatus } from '../../domain/signal-record.js';
import type { PendingEvent } from '../feed/feed-body.js';
import { aboutSignal } from './federation-audience.js';

/** What the status recount needs of an opinion: its order, its partner and what it says. */
export interface OpinionVote {
  readonly id: number;
  readonly partner: string;
  readonly opinion: OpinionKind;
}

/**
 * The status opinions imply. Disputes count only when newer than the contributor's last
 * confirmation, so a re-confirmed signal matches again until it is disputed anew.
 * The contributor's own latest "disputed" overturns it at once.
 *
 * @example
 *   statusFromOpinions(signal, [{ id: 1, partner: 'p-a', opinion: 'disputed' }], 1); // { status: 'disputed', … }
 */
export function statusFromOpinions(signal: SignalRecord, opinions: readonly OpinionVote[], disputeThreshold: number): { status: SignalStatus; reason: string | null } {
  if (signal.status === 'retracted' || signal.status === 'expired') return { status: signal.status, reason: signal.statusReason };
  const latest = new Map<string, OpinionVote>();
  for (const o of [...opinions].sort((a, b) => a.id - b.id)) if (o.opinion !== 'seen') latest.set(o.partner, o);
  const own = latest.get(signal.contributor);
  if (own?.opinion === 'disputed') return { status: 'disputed', reason: 'overturned by its contributor' };
  const confirmedAfter = own?.opinion === 'confirmed' ? own.id : 0;
  const disputers = [...latest.values()].filter((o) => o.opinion === 'disputed' && o.id > confirmedAfter);
  if (disputers.length >= disputeThreshold) {
    return { status: 'disputed', reason: `disputed by ${disputers.length} partners (threshold ${disputeThreshold})` };
  }
  return { status: 'active', reason: null };
}

/** A recount's outcome: nothing, or a new status with what to audit and publish. */
export type Recount =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'changed'; readonly signal: SignalRecord; readonly status: SignalStatus; readonly reason: string | null; readonly audit: AuditEvent; readonly feed: PendingEvent };

/**
 * At the origin only: the status all opinions now imply, to be stored, audited and
 * published to everyone who holds the signal.
 */
export function decideRecount(signal: SignalRecord, opinions: readonly OpinionVote[], disputeThreshold: number, at: string): Recount {
  const next = statusFromOpinions(signal, opinions, disputeThreshold);
  if (next.status === signal.status) return { kind: 'unchanged' };
  const updated: SignalRecord = { ...signal, status: next.status, statusReason: next.reason, updatedAt: at };
  return {
    kind: 'changed',
    signal: updated,
    status: next.status,
    reason: next.reason,
    audit: { action: 'signal.status_changed', subjectType: 'signal', subjectId: signal.id, details: { from: signal.status, to: next.status, reason: next.reason } },
    feed: aboutSignal(updated, { type: 'signal.status_changed', uid: signal.uid, status: next.status, reason: next.reason }),
  };
}
