import { mayLeaveTowards } from '../distribution.js';
import { redact, type FeedPage, type WireEvent } from './feed-event.js';
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
  /** Key rotations after the page's last event, when the page does not reach the head. */
  rotations?: readonly WireEvent[];
  /** Priority events beyond the page (feed-priority.ts); only those whose body the reader is owed are sent. */
  priority?: readonly StoredFeedEvent[];
}): FeedPage {
  const viewer = { isSelf: false, sharingGroups: o.reader.sharingGroups };
  const owed = (e: StoredFeedEvent) => mayLeaveTowards(e.level, viewer) || e.audienceNode === o.reader.id;
  const priority = (o.priority ?? []).filter(owed).map(({ level: _l, audienceNode: _a, ...wire }) => wire);
  return {
    ...(priority.length > 0 ? { priority } : {}),
    node: o.node,
    head: o.head,
    headProof: signHead({ node: o.node, head: o.head, at: o.now.toISOString(), partner: o.reader.id, after: o.after, groups: o.reader.sharingGroups }, o.sign, o.rotations),
    events: o.events.map(({ level, audienceNode, ...wire }) => (mayLeaveTowards(level, viewer) || audienceNode === o.reader.id ? wire : redact(wire))),
  };
}
