import type { Clock } from '../util/clock.js';

/** Waits `ms` milliseconds. Injected so tests move a manual clock instead of sleeping. */
export type Wait = (ms: number) => Promise<void>;

export const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Where turns per host are handed out. `claim` books the next turn atomically and returns
 * when it is: `max(now, the host's next turn)`, moving the host's next turn `intervalMs`
 * past it. The store's ledger (pacing-ledger.ts) is shared by all of a node's processes.
 */
export interface PacingLedger {
  claim(host: string, now: number, intervalMs: number): Promise<number>;
}

/**
 * Per-host politeness: at most one request to a host every `intervalMs`. Callers take a
 * turn before each request; turns are handed out in claim order, each `intervalMs` after
 * the previous one on that host, so concurrent work for one site is spaced, not bunched,
 * also across the node's processes when the ledger is the store's.
 *
 * @example
 *   const pacer = new HostPacer(1000, systemClock, realWait, new StorePacingLedger(store.context));
 *   await pacer.turn('example.org');  // at once
 *   await pacer.turn('example.org');  // a second later
 */
export class HostPacer {
  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly wait: Wait,
    private readonly ledger: PacingLedger,
  ) {}

  async turn(host: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const now = this.clock.now();
    const at = await this.ledger.claim(host, now, this.intervalMs);
    if (at > now) await this.wait(at - now);
  }
}
