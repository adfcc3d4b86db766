import type { IncidentCriterion } from '../../config/incident-config.js';

/** One ticked line of the activation checklist. */
export interface CriterionCheck {
  readonly criterion: IncidentCriterion;
  readonly met: boolean;
  readonly reason: string;
}

/** Another protocol's reference to the same incident (e.g. a GIFCT CIP activation id). */
export interface ExternalRef {
  readonly protocol: string;
  readonly id: string;
}

/** An incident as this node holds it. `id` is network-wide: the same at every node that holds it. */
export interface IncidentRecord {
  readonly id: string;
  readonly title: string;
  readonly tier: string;
  readonly criteria: readonly CriterionCheck[];
  /** When the attack or event happened, and when it was discovered. */
  readonly eventAt: string;
  readonly discoveredAt: string;
  /** Linked banks (names at the declarer) and signals (network-wide ids). */
  readonly banks: readonly string[];
  readonly signalUids: readonly string[];
  readonly externalRefs: readonly ExternalRef[];
  /** The protocol that leads the response ('concord' or another's name), or null. */
  readonly leadProtocol: string | null;
  readonly distribution: string;
  /** The node that declared it: the only one that concludes it. */
  readonly declarer: string;
  /** The partner node it came from; null when declared here. */
  readonly receivedFrom: string | null;
  readonly status: 'open' | 'concluded';
  readonly declaredAt: string;
  readonly concludedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * What timeline entries say. Partners write `joined`, `note`, `action`, `variant`,
 * `signals_shared`, `first_match` and `matches`; only the declarer writes `declared`,
 * `conclusion_proposed`, `concluded` and `debrief`. `alert` records an alert raised about
 * the incident.
 */
export const ENTRY_KINDS = ['declared', 'joined', 'note', 'action', 'variant', 'signals_shared', 'first_match', 'matches', 'alert', 'conclusion_proposed', 'concluded', 'debrief'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const DECLARER_KINDS: ReadonlySet<string> = new Set(['declared', 'conclusion_proposed', 'concluded', 'debrief']);

/** One entry of an incident's shared timeline, signed by the node that wrote it (its author). */
export interface TimelineEntry {
  readonly id: string;
  readonly incidentId: string;
  readonly byNode: string;
  /** The author's own count of its entries on this incident: 1, 2, 3… */
  readonly nodeSeq: number;
  readonly kind: EntryKind;
  /** When it happened, and when it was discovered (a note may record something seen earlier). */
  readonly eventAt: string;
  readonly discoveredAt: string;
  readonly text: string;
  /** Counts and ids only (never about people): e.g. { count, from, to } for `matches`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The partner it arrived from; null for this node's own entries. */
  readonly receivedFrom: string | null;
  /** When this node stored it. */
  readonly recordedAt: string;
}

/**
 * The timeline's total order, the same at every node whatever order entries arrived in:
 * event time, then author node, then the author's sequence. All three are signed by the
 * author, so no relaying node can move an entry.
 *
 *   entries.sort(timelineOrder)
 */
export function timelineOrder(a: Pick<TimelineEntry, 'eventAt' | 'byNode' | 'nodeSeq'>, b: Pick<TimelineEntry, 'eventAt' | 'byNode' | 'nodeSeq'>): number {
  if (a.eventAt !== b.eventAt) return a.eventAt < b.eventAt ? -1 : 1;
  if (a.byNode !== b.byNode) return a.byNode < b.byNode ? -1 : 1;
  return a.nodeSeq - b.nodeSeq;
}
