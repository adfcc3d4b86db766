import { canonicalJson } from '../../store/audit-hash.js';
import type { NodeKey } from '../node-key.js';
import { eventHash, FEED_GENESIS, sha256Hex, type WireEvent } from './feed-event.js';

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

  append(body: Record<string, unknown> & { type: string }, at = new Date().toISOString()): WireEvent {
    const seq = this.seq + 1;
    const text = canonicalJson({ ...body, at, node: this.nodeId });
    const bodyHash = sha256Hex(text);
    const hash = eventHash(seq, this.prev, bodyHash);
    const event = { seq, prevHash: this.prev, bodyHash, hash, sig: this.key.sign(hash), body: text };
    this.seq = seq;
    this.prev = hash;
    return event;
  }
}
