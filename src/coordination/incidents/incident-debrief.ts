import type { IncidentRecord, TimelineEntry } from './incident-record.js';

/** The measured timings of an incident: declaration → first signal shared → first match at each partner. */
export interface Debrief {
  readonly declaredAt: string;
  readonly firstSignalSharedAt: string | null;
  readonly firstSignalSharedBy: string | null;
  /** Seconds from declaration to the first signal shared. */
  readonly declarationToFirstSignalSeconds: number | null;
  /** Per partner that reported one: its first match, and seconds from declaration and from the first signal. */
  readonly firstMatches: readonly { readonly node: string; readonly at: string; readonly afterDeclarationSeconds: number; readonly afterFirstSignalSeconds: number | null }[];
  readonly concludedAt: string | null;
  readonly durationSeconds: number | null;
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 10) / 100;

/**
 * The debrief's timings, from the timeline every holder shares (so every node computes
 * the same figures): `signals_shared` and `first_match` entries carry the times each
 * partner measured on its own node.
 */
export function debriefOf(incident: IncidentRecord, timeline: readonly TimelineEntry[]): Debrief {
  const shared = timeline.filter((e) => e.kind === 'signals_shared').sort((a, b) => (a.eventAt < b.eventAt ? -1 : a.eventAt > b.eventAt ? 1 : 0))[0];
  const first = new Map<string, string>();
  for (const e of timeline) if (e.kind === 'first_match' && (!first.has(e.byNode) || e.eventAt < first.get(e.byNode)!)) first.set(e.byNode, e.eventAt);
  return {
    declaredAt: incident.declaredAt,
    firstSignalSharedAt: shared?.eventAt ?? null,
    firstSignalSharedBy: shared?.byNode ?? null,
    declarationToFirstSignalSeconds: shared ? seconds(incident.declaredAt, shared.eventAt) : null,
    firstMatches: [...first.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([node, at]) => ({ node, at, afterDeclarationSeconds: seconds(incident.declaredAt, at), afterFirstSignalSeconds: shared ? seconds(shared.eventAt, at) : null })),
    concludedAt: incident.concludedAt,
    durationSeconds: incident.concludedAt ? seconds(incident.declaredAt, incident.concludedAt) : null,
  };
}
