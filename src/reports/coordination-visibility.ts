import type { Viewer } from '../access/viewer.js';

/**
 * Which referrals a report's viewer may count. A referral travels only between its
 * parties (sender, receiver and the scrutiny authority designated for the receiver), so
 * the node's own keys count every referral it holds and a partner's key only those the
 * partner is a party to: the same referrals that partner holds itself.
 *
 * @example
 *   maySeeReferral({ sender: 'p-self', receiver: 'p-a', scrutiny: null }, { kind: 'partner-key', partnerId: 'p-b', sharingGroups: [] }); // false
 */
export function maySeeReferral(r: { readonly sender: string; readonly receiver: string; readonly scrutiny: string | null }, viewer: Viewer): boolean {
  if (viewer.kind === 'self') return true;
  return r.sender === viewer.partnerId || r.receiver === viewer.partnerId || r.scrutiny === viewer.partnerId;
}
