import { mayLeaveTowards } from '../distribution.js';
import { audienceTag, type WireEvent } from './feed-event.js';

/** Who is reading a feed page: its own node id and the sharing groups the publisher holds for it. */
export interface FeedReader {
  readonly nodeId: string;
  readonly sharingGroups: readonly string[];
}

/**
 * Whether `reader` is owed the body of an event: the same rule the publisher applies when
 * it serves the page (the level lets it through, or the reader is the one extra node).
 *
 *   owedBody({ audience: 'partners', audienceTag: '' }, reader) // true
 */
export function owedBody(e: Pick<WireEvent, 'audience' | 'audienceTag'>, reader: FeedReader): boolean {
  return mayLeaveTowards(e.audience ?? 'local', { isSelf: false, sharingGroups: reader.sharingGroups }) || (!!e.audienceTag && e.audienceTag === audienceTag(reader.nodeId));
}

/**
 * The first stub in a page whose body the reader is owed: a body stripped on the way.
 * Run after the chain and signatures verified, so `audience` and `audienceTag` are the
 * publisher's own. v1 events (stored before the audience was signed) carry no audience and
 * cannot be checked; they are accepted as before.
 *
 *   withheldBody(page.events, { nodeId: 'node-b', sharingGroups: ['eu'] }) // undefined, or a problem
 */
export function withheldBody(events: readonly WireEvent[], reader: FeedReader): string | undefined {
  const e = events.find((x) => x.body === undefined && x.v === 2 && owedBody(x, reader));
  return e && `event ${e.seq} (audience ${e.audience}) came without its body, which this node is owed: removed on the way`;
}
