const LN_FACT: number[] = [0];
for (let i = 1; i <= 1024; i++) LN_FACT[i] = LN_FACT[i - 1]! + Math.log(i);

/** ln(k!), exact to 1024 and by Stirling's series beyond. */
export function lnFactorial(k: number): number {
  if (k <= 1024) return LN_FACT[k]!;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k ** 3);
}

/**
 * P(X ≥ k) for X ~ Poisson(λ), in the upper tail the surge test reads (k above λ). Below
 * the mean the answer is "not unusual" (1). Summed in log space from k upwards until the
 * terms stop mattering, so tails of 1e-300 are exact enough.
 *
 * @example
 *   poissonTail(10, 2); // ≈ 4.65e-5
 */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) return 1;
  let logTerm = -lambda + k * Math.log(lambda) - lnFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 10_000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}
