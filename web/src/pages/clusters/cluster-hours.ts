import type { ClusterDetail } from '../../api/cluster-types';

const HOUR = 3_600_000;

/** A cluster's matches per hour, one row of counts per node, on every hour from the one before the first counted to the last. */
export interface HourlyByNode {
  /** Start of each hour (ISO, UTC). */
  readonly hours: string[];
  readonly nodes: { readonly node: string; readonly counts: number[]; readonly total: number }[];
}

/**
 * Fills the API's sparse `hourly` rows into aligned series, `self` (this node) first, so
 * the chart's lines and the table's columns keep one order and colour. The hour before the
 * first count is kept as a zero, so a single counted hour still draws a line (a rise).
 *
 *   hourlyByNode([{ hour: '…T10:00:00.000Z', node: 'b', count: 3 }, { hour: '…T12:00:00.000Z', node: 'b', count: 1 }], 'a')
 *   // { hours: [09:00, 10:00, 11:00, 12:00], nodes: [{ node: 'b', counts: [0, 3, 0, 1], total: 4 }] }
 */
export function hourlyByNode(hourly: ClusterDetail['hourly'], self: string): HourlyByNode {
  const times = hourly.map((h) => Date.parse(h.hour)).filter(Number.isFinite);
  if (times.length === 0) return { hours: [], nodes: [] };
  const first = Math.floor(Math.min(...times) / HOUR) * HOUR - HOUR;
  const last = Math.floor(Math.max(...times) / HOUR) * HOUR;
  const hours: string[] = [];
  for (let h = first; h <= last; h += HOUR) hours.push(new Date(h).toISOString());
  const byNode = new Map<string, number[]>();
  for (const h of hourly) {
    const at = Date.parse(h.hour);
    if (!Number.isFinite(at)) continue;
    const counts = byNode.get(h.node) ?? hours.map(() => 0);
    byNode.set(h.node, counts);
    counts[Math.floor((at - first) / HOUR)]! += h.count;
  }
  const order = [...byNode.keys()].sort((a, b) => (a === self ? -1 : b === self ? 1 : a.localeCompare(b)));
  return { hours, nodes: order.map((node) => ({ node, counts: byNode.get(node)!, total: byNode.get(node)!.reduce((n, c) => n + c, 0) })) };
}
