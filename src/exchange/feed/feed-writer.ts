import { canonicalJson } from '../../store/audit-hash.js';
import type { NodeKey } from '../node-key.js';
import { FEED_GENESIS, type WireEvent } from './feed-event.js';
import { signedEvent } from './feed-signing.js';

/** Who may see an event's body: a distribution level and, optionally, one extra node. */
export interface EventAudience {
  readonly audience: string;
  readonly audienceNode?: string | null;
}

/**
 * Builds signed, chained wire events from bodies, outside any store: the same steps as the
 * store's append, for tools and tests that need a feed of their own (a partner that
 * misbehaves, a feed replayed from an export).
 */
export class FeedWriter {
  private seq: number;
  private prev: string;

  constructor(private readonly key: NodeKey, readonly nodeId: string, start: { seq: number; hash: string } = { seq: 0, hash: FEED_GENESIS }) {
    this.seq = start.seq;
    this.prev = start.hash;
  }

  /** Appends one event, by default for every partner (`network`). */
  append(body: Record<string, unknown> & { type: string }, at = new Date().toISOString(), who: EventAudience = { audience: 'network' }): WireEvent {
    const seq = this.seq + 1;
    const event = signedEvent(this.key, seq, this.prev, canonicalJson({ ...body, at, node: this.nodeId }), who.audience, who.audienceNode ?? null);
    this.seq = seq;
    this.prev = event.hash;
    return event;
  }
}
