/**
 * Where time comes from. Stores and services take a Clock from the composition root
 * instead of reading the system time, so a test can fix or step it instead of sleeping.
 *
 * @example
 *   const clock = fixedClock('2026-01-02T03:04:05.000Z');
 *   clock.now().toISOString(); // '2026-01-02T03:04:05.000Z'
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always says `at`; `set` moves it (for tests). */
export function fixedClock(at: string | Date): Clock & { set(next: string | Date): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}

/** The clock's time as stored: an ISO-8601 string in UTC. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();
