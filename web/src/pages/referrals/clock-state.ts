import type { Referral } from '../../api/types';

/**
 * Where a referral's legal clock stands at the node's time `now`, from the node's own
 * fields (the node computes `dueAt`; this only subtracts). Discriminated by `kind`.
 *
 *   clockState(referral, serverNow()) // { kind: 'running', leftMs: 3_540_000, dueAt: '…' }
 */
export type ClockState =
  | { kind: 'waiting' } // not received yet: the clock starts at receipt
  | { kind: 'running'; leftMs: number; dueAt: string }
  | { kind: 'overdue'; lateMs: number; dueAt: string }
  | { kind: 'paused'; leftMs: number; since: string } // an obstacle stands
  | { kind: 'stopped'; reason: 'acknowledged' | 'decided' | 'voided' };

export function clockState(r: Referral, now: number): ClockState {
  if (r.status === 'voided') return { kind: 'stopped', reason: 'voided' };
  if (r.status === 'decided') return { kind: 'stopped', reason: 'decided' };
  if (r.clock.stopsOn === 'acknowledgement' && r.acknowledgedAt) return { kind: 'stopped', reason: 'acknowledged' };
  const started = r.clock.startedAt ?? r.receipt?.receivedAt ?? null;
  if (!started) return { kind: 'waiting' };
  if (r.clock.pausedSince) {
    const left = Date.parse(started) + r.clock.windowMs + r.clock.pausedMs - Date.parse(r.clock.pausedSince);
    return { kind: 'paused', leftMs: Math.max(0, left), since: r.clock.pausedSince };
  }
  const dueAt = r.clock.dueAt ?? new Date(Date.parse(started) + r.clock.windowMs + r.clock.pausedMs).toISOString();
  const left = Date.parse(dueAt) - now;
  return left >= 0 ? { kind: 'running', leftMs: left, dueAt } : { kind: 'overdue', lateMs: -left, dueAt };
}

/** 1:05:09, or 2 d 3:04:05 past a day; whole seconds, rounded towards the deadline. */
export function formatSpan(ms: number): string {
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return days > 0 ? `${days} d ${hms}` : hms;
}
