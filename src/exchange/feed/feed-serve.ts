import { mayLeaveTowards } from '../distribution.js';
import { redact, type FeedPage } from './feed-event.js';
import { signHead } from './feed-head.js';
import type { StoredFeedEvent } from '../../store/store-feed.js';

/**
 * The page a partner gets: every event, with the body only where the partner is owed it,
 * and a head signed for that partner (its id and the groups it is in here).
 *
 *   servedPage({ node, head, after, reader: peer, events, sign: (t) => key.sign(t), now: new Date() })
 */
export function servedPage(o: {
  node: string;
  head: number;
  after: number;
  reader: { id: string; sharingGroups: readonly string[] };
  events: readonly StoredFeedEvent[];
  sign: (text: string) => string;
  now: Date;
}): FeedPage {
  const viewer = { isSelf: false, sharingGroups: o.reader.sharingGroups };
  return {
    node: o.node,
    head: o.head,
    headProof: signHead({ node: o.node, head: o.head, at: o.now.toISOString(), partner: o.reader.id, after: o.after, groups: o.reader.sharingGroups }, o.sign),
    events: o.events.map(({ level, audienceNode, ...wire }) => (mayLeaveTowards(level, viewer) || audienceNode === o.reader.id ? wire : redact(wire))),
  };
}
