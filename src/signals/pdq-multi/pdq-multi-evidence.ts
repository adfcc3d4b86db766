import { hexHamming } from '../hex-hamming.js';
import { PAIRS, roleOf, type Slot } from './pdq-multi-slots.js';
import type { MultiValue } from './pdq-multi-value.js';

/**
 * Largest distance at which a band found through one of the query's alternates (a turned
 * or mirrored form, `dihedral:*`, or the exact region, `trim:exact`) still counts: the
 * `dihedral:mirror+region:band` kind of evidence, and its like. Chosen from the robustness
 * bench's curves per kind of evidence (docs/signals.md): a band is the middle two thirds of
 * the image, and an alternate compares it again in each of three more forms (mirror, flip,
 * half turn), so this is the loosest evidence there is. The only impostors within 37 bits
 * over 1.15 million pairs came this way (two synthetic portraits whose middle bands are near
 * each other's mirror image, 28 bits apart through them, 40 through the whole image), while every
 * genuine copy the bench makes is found at 24 bits or less through one kind or another, and
 * copies found through this kind at 14 or less. 24 is where the genuine curve stops gaining:
 * a mirrored copy with captions over it still matches (at 6 bits in the tests); a band 25–31
 * bits off through a turn or the exact region does not. The query's own band keeps the threshold.
 */
export const ALTERNATE_BAND_THRESHOLD = 24;

/**
 * The largest distance at which the pair (query slot, known slot) counts in a search to
 * `maxDistance`, when the query value is the alternate named `alternate` (absent: the query's
 * own value). Bands compare only with bands (pdq-multi-slots.ts), so the query slot decides.
 */
export function pairLimit(query: Slot, maxDistance: number, alternate?: string): number {
  return alternate !== undefined && roleOf(query) === 'band' ? Math.min(maxDistance, ALTERNATE_BAND_THRESHOLD) : maxDistance;
}

/**
 * The brute-force distance of a query value (or of its alternate named `alternate`) to a
 * known value: the smallest Hamming distance over the compared slot pairs, leaving out
 * the pairs past their limit (pairLimit at `maxDistance`); 256 when none is left. The
 * reference the index is tested against.
 *
 * @example
 *   multiDistance(mirrored, known, 31, 'dihedral:mirror'); // 256 when only the bands are near, at 28
 */
export function multiDistance(query: MultiValue, known: MultiValue, maxDistance: number, alternate?: string): number {
  let best = 256;
  for (const [q, k] of PAIRS) {
    const h = query.get(q);
    const g = known.get(k);
    if (!h || !g) continue;
    const d = hexHamming(h, g);
    if (d < best && d <= pairLimit(q, maxDistance, alternate)) best = d;
  }
  return best;
}
