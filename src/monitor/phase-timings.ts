/** Where a check spent its time, summed over resources (concurrent work counts each part). */
export interface PhaseTimings {
  fetchMs: number;
  decodeMs: number;
  hashMs: number;
  matchMs: number;
}

export const emptyTimings = (): PhaseTimings => ({ fetchMs: 0, decodeMs: 0, hashMs: 0, matchMs: 0 });

/** Runs `fn`, adding its duration to one phase (also when it fails). */
export type Phase = 'fetch' | 'decode' | 'hash' | 'match';

export async function timed<T>(timings: PhaseTimings, phase: Phase, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings[`${phase}Ms`] += performance.now() - start;
  }
}

/** Runs `fn` over items with at most `width` at once, in order of the items. */
export async function eachLimited<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
