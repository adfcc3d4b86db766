/**
 * The time as the leader lease sees it, injected so tests move it by hand instead of
 * sleeping through an expiry.
 *
 * @example
 *   const clock: Clock = { now: () => Date.now() };
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock a test sets and advances by hand. */
export class ManualClock implements Clock {
  constructor(private at = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
  set(ms: number): void {
    this.at = ms;
  }
}
