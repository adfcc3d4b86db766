/**
 * Where time comes from: milliseconds since the epoch. Stores, the leader lease, key
 * expiry and the feed take a Clock from the composition root instead of reading the
 * system time, so a test can fix or step it instead of sleeping.
 *
 * @example
 *   const clock = fixedClock('2026-01-02T03:04:05.000Z');
 *   isoNow(clock); // '2026-01-02T03:04:05.000Z'
 *   clock.advance(60_000);
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock a test sets and advances by hand. */
export interface ManualClock extends Clock {
  set(next: string | Date | number): void;
  advance(ms: number): void;
}

/** A clock that says `at` until it is set or advanced (for tests). */
export function fixedClock(at: string | Date | number = Date.UTC(2026, 0, 1)): ManualClock {
  let current = new Date(at).getTime();
  return {
    now: () => current,
    set(next) {
      current = new Date(next).getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}

/** The clock's time as stored: an ISO-8601 string in UTC. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
