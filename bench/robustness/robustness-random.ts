import { seededRandom } from '../../src/util/seeded-random.js';
export { seededRandom };

/** An integer in [lo, hi]. */
export const between = (rng: () => number, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** One element of `items`. */
export const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
