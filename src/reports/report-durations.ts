import { spread, type Spread } from '../coordination/referrals/referral-stats.js';

export type { Spread };

/**
 * A named spread of durations (count, median and 95th percentile by nearest rank, in ms),
 * as sections report times to act. Medians do not add up across periods; their counts do.
 *
 * @example
 *   durationOf('time to removal', [60_000, 120_000]); // { name: 'time to removal', count: 2, medianMs: 60000, p95Ms: 120000 }
 */
export interface DurationFigure extends Spread {
  readonly name: string;
}

export const durationOf = (name: string, valuesMs: readonly number[]): DurationFigure => ({ name, ...spread(valuesMs) });

/** A spread computed elsewhere (referralStats, removalStats), under a name. */
export const namedSpread = (name: string, s: Spread): DurationFigure => ({ name, count: s.count, medianMs: s.medianMs, p95Ms: s.p95Ms });
