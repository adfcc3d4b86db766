import { ConcordError } from '../../errors/concord-error.js';
import { withheldBody } from './feed-audience.js';
import type { FeedPage } from './feed-event.js';
import { checkHead } from './feed-head.js';

/**
 * The checks that catch a page cut on the way, after its chain and signatures verified:
 * the head must be signed for this node and this request (FEED_HEAD_INVALID), and no stub
 * may stand for an event this node is owed, judged against the groups the signed head
 * states (FEED_BODY_WITHHELD). Throws; the caller applies nothing from the page.
 *
 *   checkPageCut(page, { partner: 'node-a', selfId: 'node-b', after: 10, publicKey, now: Date.now() })
 */
export function checkPageCut(page: FeedPage, o: { partner: string; selfId: string; after: number; publicKey: string; now: number }): void {
  const lastSeq = page.events.length > 0 ? page.events[page.events.length - 1]!.seq : o.after;
  const head = checkHead(page, { node: o.partner, partner: o.selfId, after: o.after, lastSeq, publicKey: o.publicKey, now: o.now });
  if ('problem' in head) throw new ConcordError('FEED_HEAD_INVALID', `feed of ${o.partner}: ${head.problem}; nothing from this page was applied`);
  const withheld = withheldBody(page.events, { nodeId: o.selfId, sharingGroups: head.groups });
  if (withheld) throw new ConcordError('FEED_BODY_WITHHELD', `feed of ${o.partner}: ${withheld}; nothing from this page was applied`);
}
