/**
 * The ledger of a fault run: every write the node acknowledged (2xx), and the one write
 * per signal whose outcome is unknown because the process or the database died while it
 * was in flight. From it, the states each signal may be in afterwards.
 *
 * A write that got no answer (connection reset, 5xx) may or may not have committed, so a
 * signal with such a write is frozen: no further writes, and afterwards its state must be
 * the state before that write or after it. Acknowledged writes must all be there.
 *
 * @example
 *   const ledger = new WriteLedger();
 *   const s = ledger.track('ab…', 'partners');
 *   ledger.acknowledged(s, { kind: 'add' }, 17);
 *   ledger.acknowledged(s, { kind: 'opinion', opinion: 'disputed' });
 *   allowedStates(s); // [{ exists: true, status: 'disputed', reviewed: false, opinions: 1 }]
 */

export type Write = { readonly kind: 'add' } | { readonly kind: 'opinion'; readonly opinion: 'confirmed' | 'disputed' | 'seen' } | { readonly kind: 'retract' };

export interface TrackedSignal {
  readonly value: string;
  readonly distribution: 'partners' | 'local';
  /** Signals added in one request: all of them are stored, or none. */
  batch: number;
  id?: number;
  readonly acked: Write[];
  /** A write sent but not acknowledged: it may or may not have committed. */
  unknown?: Write;
  /** A request for this signal is in flight. */
  busy: boolean;
}

/** What the node under test must show for a signal. */
export interface SignalState {
  readonly exists: boolean;
  readonly status: 'active' | 'disputed' | 'retracted';
  /** Confirmed on review by the contributing organisation. */
  readonly reviewed: boolean;
  readonly opinions: number;
}

export class WriteLedger {
  readonly signals: TrackedSignal[] = [];
  private batches = 0;

  /** Tracks the signals of one add request before it is sent. */
  trackBatch(items: readonly { value: string; distribution: 'partners' | 'local' }[]): TrackedSignal[] {
    const batch = ++this.batches;
    const tracked = items.map((i) => ({ ...i, batch, acked: [], busy: true }));
    this.signals.push(...tracked);
    return tracked;
  }

  /** A write to `s` is about to be sent: no other write may go to it meanwhile. */
  sending(s: TrackedSignal): void {
    s.busy = true;
  }

  acknowledged(s: TrackedSignal, write: Write, id?: number): void {
    if (id !== undefined) s.id = id;
    s.acked.push(write);
    s.busy = false;
  }

  /** No answer, or a 5xx: the write may or may not be stored. */
  unanswered(s: TrackedSignal, write: Write): void {
    s.unknown = write;
    s.busy = false;
  }

  /** A write refused, or never sent: it must not be stored. */
  notStored(s: TrackedSignal): void {
    s.busy = false;
  }

  /** Signals a new write may go to: stored for sure, not retracted, nothing in flight or unknown. */
  writable(): TrackedSignal[] {
    return this.signals.filter((s) => s.id !== undefined && !s.busy && !s.unknown && !s.acked.some((w) => w.kind === 'retract'));
  }

  acknowledgedWrites(): number {
    return this.signals.reduce((n, s) => n + s.acked.length, 0);
  }
}

/** The state after `writes`, replayed the way the node decides it (a contributor's own latest opinion wins). */
export function stateAfter(writes: readonly Write[]): SignalState {
  let state: SignalState = { exists: false, status: 'active', reviewed: false, opinions: 0 };
  for (const w of writes) {
    if (w.kind === 'add') state = { ...state, exists: true };
    else if (w.kind === 'retract') state = { ...state, status: 'retracted' };
    else {
      // A contributor's confirmation marks the signal reviewed whatever its status.
      state = { ...state, opinions: state.opinions + 1, reviewed: state.reviewed || w.opinion === 'confirmed' };
      if (state.status === 'retracted' || w.opinion === 'seen') continue;
      state = { ...state, status: w.opinion === 'disputed' ? 'disputed' : 'active' };
    }
  }
  return state;
}

/** The states a signal may be in after the run: one, or two when its last write is unknown. */
export function allowedStates(s: TrackedSignal): SignalState[] {
  const acked = stateAfter(s.acked);
  return s.unknown ? [acked, stateAfter([...s.acked, s.unknown])] : [acked];
}

export const sameState = (a: SignalState, b: SignalState): boolean => a.exists === b.exists && a.status === b.status && a.reviewed === b.reviewed && a.opinions === b.opinions;
