/**
 * The Wilson score interval for a binomial proportion: k events in n trials. Unlike the
 * normal approximation it stays inside [0, 1] and is usable for small n and for k = 0,
 * which is the usual case for error rates (Wilson 1927; Brown, Cai and DasGupta 2001).
 *
 * @example
 *   wilsonInterval(0, 10);  // { rate: 0, low: 0, high: 0.2775… }
 *   wilsonInterval(5, 100); // { rate: 0.05, low: 0.0215…, high: 0.1118… }
 */
export function wilsonInterval(k: number, n: number, z = Z_95): { rate: number; low: number; high: number } | null {
  if (n === 0) return null;
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new RangeError(`wilsonInterval needs integers 0 ≤ k ≤ n; got k=${k}, n=${n}`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 the low bound is exactly 0 and at k = n the high bound exactly 1; rounding would miss them by a hair.
  return { rate: p, low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** The two-sided 95% quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;
