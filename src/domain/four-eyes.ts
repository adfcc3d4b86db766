import type { Role } from './roles.js';
import type { SignalRecord } from './signal-record.js';

/**
 * Four eyes: a signal contributed here leaves the node only once enough keys other than
 * the one that added it have confirmed it. How many is set per distribution level
 * (NodeConfig.confirmationsRequired) and fixed on the signal when it is added.
 *
 * Who counts: a key of the contributing organisation that holds the `reviewer` role
 * and is not the key that added the signal. `admin` alone does not count: an admin can
 * mint any key, so counting it would let one holder confirm their own additions; an
 * admin who reviews uses a reviewer key. A partner's opinion is feedback, not a
 * confirmation; a received signal was confirmed at its origin.
 *
 * @example
 *   const policy = confirmationPolicy({ local: 1, group: 1, partners: 1, network: 2 });
 *   policy.required('network'); // 2
 */
export interface ConfirmationPolicy {
  required(distribution: string): number;
}

export interface ConfirmationsRequired {
  readonly local: number;
  readonly group: number;
  readonly partners: number;
  readonly network: number;
}

export const DEFAULT_CONFIRMATIONS: ConfirmationsRequired = Object.freeze({ local: 1, group: 1, partners: 1, network: 2 });

export function confirmationPolicy(levels: ConfirmationsRequired = DEFAULT_CONFIRMATIONS): ConfirmationPolicy {
  return {
    required: (distribution) =>
      distribution.startsWith('group:') ? levels.group : distribution === 'network' ? levels.network : distribution === 'partners' ? levels.partners : levels.local,
  };
}

/** The key posting a `confirmed` opinion, with the roles it holds on this node. */
export interface Confirmer {
  readonly partner: string;
  readonly keyId: string | null;
  readonly roles: readonly Role[];
}

/**
 * What a `confirmed` opinion means: `count` (a confirmation by a distinct key),
 * `opinion` (recorded as feedback only), or refused with a catalogue code.
 */
export type ConfirmationDecision =
  | { readonly kind: 'count' }
  | { readonly kind: 'opinion' }
  | { readonly kind: 'refuse'; readonly code: 'SELF_CONFIRMATION' | 'REVIEWER_REQUIRED'; readonly message: string };

export function decideConfirmation(signal: Pick<SignalRecord, 'id' | 'origin' | 'contributor' | 'addedByKey'>, by: Confirmer): ConfirmationDecision {
  if (signal.origin !== null || by.partner !== signal.contributor) return { kind: 'opinion' };
  // The node itself (no key) cannot be told apart from a node-loaded signal's adder.
  if (by.keyId === signal.addedByKey) {
    return { kind: 'refuse', code: 'SELF_CONFIRMATION', message: `signal ${signal.id} was added with this key; another reviewer's key must confirm it` };
  }
  if (by.keyId === null || !by.roles.includes('reviewer')) {
    return { kind: 'refuse', code: 'REVIEWER_REQUIRED', message: `confirming signal ${signal.id} needs a key with the reviewer role` };
  }
  return { kind: 'count' };
}

/** Whether a signal may leave this node: received ones were confirmed at their origin. */
export const isConfirmed = (s: Pick<SignalRecord, 'confirmedAt'>): boolean => s.confirmedAt !== null;
