/** A matched signal as a find records it: enough to look it up, nothing about who posted or viewed it. */
export interface FindSignal {
  readonly signalId: number;
  readonly uid: string;
  readonly type: string;
  readonly label: string;
  readonly distance: number;
  /** The contributor node of the signal (an organisation, never a person). */
  readonly contributor: string;
  /** The incident the signal was added under (its network-wide id), or null. */
  readonly incidentId: string | null;
}

/** The incident a find's content belongs to: that of its first matched signal that has one. */
export const incidentOfSignals = (signals: readonly Pick<FindSignal, 'incidentId'>[]): string | null => signals.find((s) => s.incidentId)?.incidentId ?? null;

/**
 * Known content seen at a public URL: the matched signals, where, when first and last
 * seen, by which source, and when it was gone. Nothing about accounts, posters or readers.
 */
export interface Find {
  readonly id: number;
  readonly sourceId: number;
  readonly url: string;
  readonly signals: readonly FindSignal[];
  readonly contentSha256: string | null;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly removedAt: string | null;
  /** How it went: `gone` (404/410) or `no_longer_matches` (the URL answers with other content). */
  readonly removal: 'gone' | 'no_longer_matches' | null;
  readonly nextCheckAt: string;
  /**
   * The incident the matched signals belong to (the first matched signal added under one),
   * or null for routine content. Each signal's own is in `signals[].incidentId`.
   */
  readonly incidentId: string | null;
}
