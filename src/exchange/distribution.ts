import type { Distribution } from '../domain/signal-record.js';

/** What a distribution rule needs to know about the partner asking. */
export interface Viewer {
  /** The asking partner is this node itself (its own API keys). */
  readonly isSelf: boolean;
  readonly sharingGroups: readonly string[];
}

/**
 * Whether something shared at `distribution` may leave this node towards `viewer`.
 * `local` never leaves, not even towards the node's own export tools (TAXII, lists): a
 * local signal is for matching here only. The rule is one function so every exit (feed,
 * TAXII, list export) applies the same one, and one test walks every level.
 */
export function mayLeaveTowards(distribution: string, viewer: Viewer): boolean {
  if (distribution === 'local') return false;
  if (distribution === 'partners' || distribution === 'network') return true;
  if (distribution.startsWith('group:')) return viewer.isSelf || viewer.sharingGroups.includes(distribution.slice('group:'.length));
  return false; // an unknown level shares nothing
}

/**
 * The level a received signal is stored at: one hop less than it arrived with, as MISP
 * does. `network` may be passed on once more as `partners`; everything else stops here.
 */
export function oneHopLess(distribution: string): Distribution {
  return distribution === 'network' ? 'partners' : 'local';
}
