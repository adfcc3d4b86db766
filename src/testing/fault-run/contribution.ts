import { callNode, type Outcome } from './node-client.js';

/**
 * How a fault run contributes and reviews signals through a node's API. Kept in one place
 * because the review rule changes: signals are added with a curator key, and confirmed,
 * disputed or noted as seen with a second key holding the reviewer role, so a rule that
 * wants a key other than the one that added a signal is met.
 */
export interface Contributor {
  readonly url: string;
  readonly bankId: number;
  /** Adds and retracts. */
  readonly curatorKey: string;
  /** Gives opinions: a different key of the same organisation. */
  readonly reviewerKey: string;
}

export type Distribution = 'partners' | 'local';

export function addSignals(c: Contributor, items: readonly { value: string; distribution: Distribution }[]): Promise<Outcome> {
  const signals = items.map((i) => ({ type: 'pdq', value: i.value, label: 'perpetrator_content', reason: 'frame of the attack livestream, re-uploaded', distribution: i.distribution }));
  return callNode(c.url, 'POST', `/v1/banks/${c.bankId}/signals`, c.curatorKey, { signals });
}

export function giveOpinion(c: Contributor, signalId: number, opinion: 'confirmed' | 'disputed' | 'seen'): Promise<Outcome> {
  const reason = { confirmed: 'reviewed: perpetrator footage', disputed: 'on second review: news coverage, not the attack video', seen: 'seen on our platform' }[opinion];
  return callNode(c.url, 'POST', `/v1/signals/${signalId}/opinions`, c.reviewerKey, { opinion, reason });
}

export function retract(c: Contributor, signalId: number): Promise<Outcome> {
  return callNode(c.url, 'POST', `/v1/signals/${signalId}/retract`, c.curatorKey, { reason: 'added to the wrong bank' });
}

/**
 * Whether a signal of the node under test may reach a partner, from what the node shows
 * of it: not `local`, and confirmed by a reviewer other than the adding key (four eyes;
 * the reviewer's `confirmed` opinion is that confirmation and sets reviewedAt).
 */
export function leavesTheNode(signal: { distribution: string; reviewedAt: string | null }): boolean {
  return signal.distribution !== 'local' && signal.reviewedAt !== null;
}
