import type { KyselyMonitor } from '../store/kysely/kysely-monitor.js';

/** Removal figures for the transparency report: finds first seen in [from, to) and how fast they went. */
export interface RemovalStats {
  readonly from: string;
  readonly to: string;
  readonly found: number;
  readonly removed: number;
  /** Time from first seen to removal over the removed finds, in milliseconds; null when none was removed. */
  readonly medianMsToRemoval: number | null;
  readonly p95MsToRemoval: number | null;
}

/** The nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Counts finds first seen in [from, to), those removed since, and the median and 95th
 * percentile of their time to removal (nearest rank).
 *
 * @example
 *   await removalStats(store.monitor, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z');
 *   // { found: 12, removed: 10, medianMsToRemoval: 7200000, p95MsToRemoval: 86400000, … }
 */
export async function removalStats(monitor: Pick<KyselyMonitor, 'findsFirstSeenBetween'>, from: string, to: string): Promise<RemovalStats> {
  const finds = await monitor.findsFirstSeenBetween(from, to);
  const durations = finds
    .filter((f) => f.removedAt !== null)
    .map((f) => Date.parse(f.removedAt!) - Date.parse(f.firstSeenAt))
    .sort((a, b) => a - b);
  return { from, to, found: finds.length, removed: durations.length, medianMsToRemoval: quantile(durations, 0.5), p95MsToRemoval: quantile(durations, 0.95) };
}
