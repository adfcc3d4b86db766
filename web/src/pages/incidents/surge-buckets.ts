import type { TimelineEntry } from '../../api/types';

const HOUR = 3_600_000;

/** Matches per hour, per partner node, from the timeline's signed `matches` roll-ups. */
export interface Surge {
  /** Start of each hour (ms since the epoch, UTC hours). */
  readonly hours: number[];
  /** Each node's matches per hour, aligned with `hours`. */
  readonly byNode: { node: string; counts: number[] }[];
}

/**
 * Each partner rolls up the matches of its signals under the incident at most hourly
 * (`data: { count, from, to }`). A roll-up spanning several hours is spread over them in
 * proportion to the time each covers, so a late roll-up does not show as a false spike.
 *
 *   surgeOf([{ kind: 'matches', byNode: 'b', data: { count: 6, from: '…T10:00Z', to: '…T12:00Z' } }])
 *   // { hours: [10:00, 11:00], byNode: [{ node: 'b', counts: [3, 3] }] }
 */
export function surgeOf(timeline: readonly TimelineEntry[]): Surge {
  const rolls = timeline
    .filter((e) => e.kind === 'matches')
    .map((e) => ({ node: e.byNode, count: Number(e.data.count ?? 0), from: Date.parse(String(e.data.from ?? e.eventAt)), to: Date.parse(String(e.data.to ?? e.eventAt)) }))
    .filter((r) => r.count > 0 && Number.isFinite(r.from) && Number.isFinite(r.to));
  if (rolls.length === 0) return { hours: [], byNode: [] };
  const first = Math.floor(Math.min(...rolls.map((r) => Math.min(r.from, r.to))) / HOUR) * HOUR;
  const last = Math.floor(Math.max(...rolls.map((r) => Math.max(r.from, r.to))) / HOUR) * HOUR;
  const hours: number[] = [];
  for (let h = first; h <= last; h += HOUR) hours.push(h);
  const nodes = new Map<string, number[]>();
  for (const r of rolls) {
    const counts = nodes.get(r.node) ?? hours.map(() => 0);
    nodes.set(r.node, counts);
    const span = r.to - r.from;
    if (span <= 0) {
      counts[(Math.floor(r.to / HOUR) * HOUR - first) / HOUR]! += r.count;
      continue;
    }
    for (let i = 0; i < hours.length; i++) {
      const overlap = Math.min(r.to, hours[i]! + HOUR) - Math.max(r.from, hours[i]!);
      if (overlap > 0) counts[i]! += (r.count * overlap) / span;
    }
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return { hours, byNode: [...nodes].map(([node, counts]) => ({ node, counts: counts.map(round) })) };
}
