import type { Clock } from '../util/clock.js';

/** Waits `ms` milliseconds. Injected so tests move a manual clock instead of sleeping. */
export type Wait = (ms: number) => Promise<void>;

export const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-host politeness: at most one request to a host every `intervalMs`. Callers take a
 * turn before each request; turns are handed out in call order, each `intervalMs` after
 * the previous one on that host, so concurrent work for one site is spaced, not bunched.
 *
 * @example
 *   const pacer = new HostPacer(1000, systemClock, realWait);
 *   await pacer.turn('example.org');  // at once
 *   await pacer.turn('example.org');  // a second later
 */
export class HostPacer {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly wait: Wait,
  ) {}

  async turn(host: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const now = this.clock.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await this.wait(at - now);
  }
}
