import type { Label } from '../taxonomy/labels.js';

export const SIGNAL_STATUSES = ['active', 'disputed', 'retracted', 'expired'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Only active signals match unless a request asks for more. */
export const MATCHING_BY_DEFAULT: readonly SignalStatus[] = ['active'];

export const OPINIONS = ['confirmed', 'disputed', 'seen'] as const;
export type OpinionKind = (typeof OPINIONS)[number];

/**
 * Who may see a signal: `local` never leaves the node; `group:<name>` a named sharing
 * group; `partners` direct partners; `network` may be passed on.
 */
export type Distribution = 'local' | 'partners' | 'network' | `group:${string}`;

/** A stored signal with its provenance. No field identifies a person. */
export interface SignalRecord {
  readonly id: number;
  /** Network-wide id, the same on every node that holds the signal. */
  readonly uid: string;
  /** The node where it was first contributed; null when that is this node. */
  readonly origin: string | null;
  /** The partner node this node received it from; null for its own signals. */
  readonly receivedFrom: string | null;
  readonly bankId: number;
  readonly type: string;
  readonly value: string;
  readonly label: Label;
  readonly reason: string;
  /** The partner organisation that contributed it. */
  readonly contributor: string;
  /** Id of the API key (an organisational credential) whose holder confirmed it on review. */
  readonly reviewedByKey: string | null;
  readonly reviewedAt: string | null;
  readonly distribution: Distribution;
  readonly status: SignalStatus;
  readonly statusReason: string | null;
  readonly matchCount: number;
  readonly lastMatchedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Id of the API key that added it on this node (null: received, or loaded by the node itself). */
  readonly addedByKey: string | null;
  /** Distinct reviewer keys, other than the adder's, that confirmed it here. */
  readonly confirmations: number;
  /** How many it needs before it may leave the node (per distribution level, fixed when added). */
  readonly confirmationsRequired: number;
  /** When it became confirmed (a received signal: confirmed at its origin, when taken in here); null: it stays on this node. */
  readonly confirmedAt: string | null;
  /** The incident (network-wide id) it was added under; null or absent for routine signals. */
  readonly incidentId?: string | null;
}

export interface OpinionRecord {
  readonly id: number;
  /** Network-wide id, so an opinion relayed along two paths is recorded once. */
  readonly uid: string;
  readonly signalId: number;
  readonly partner: string;
  readonly opinion: OpinionKind;
  readonly reason: string;
  readonly createdAt: string;
}

export interface BankRecord {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly owner: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
