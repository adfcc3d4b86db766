import { ConcordError } from '../../errors/concord-error.js';
import { appendAudit } from '../store-audit.js';
import { appendFeed, feedAfter, feedOfTypesAfter, latestFeedSeq, type FeedSigner, type StoredFeedEvent } from '../store-feed.js';
import type { FeedLogPort } from '../store-ports.js';
import type { KyselyContext } from './kysely-context.js';

/** The node's signed feed in the feed_events table. */
export class KyselyFeedLog implements FeedLogPort {
  constructor(private readonly ctx: KyselyContext) {}

  get nodeId(): string | undefined {
    return this.ctx.signer?.nodeId;
  }

  attachFeedSigner(signer: FeedSigner): void {
    this.ctx.signer = signer;
  }

  onCommit(listener: () => void): () => void {
    return this.ctx.onCommit(listener);
  }

  /**
   * Hands the node's feed over to a new key: a `key.rotated` event signed by the current
   * key announces the new one to every partner, and every later event is signed by it.
   */
  rotateFeedKey(next: FeedSigner, keys: { previous: string; publicKey: string }): Promise<void> {
    return this.ctx.changeTx(async (trx) => {
      const at = this.ctx.now();
      const self = this.ctx.signer?.nodeId;
      if (!self) throw new ConcordError('NODE_KEY_MISSING', 'no node key is loaded, so there is nothing to rotate');
      const registered = await trx.selectFrom('node_settings').select('value').where('key', '=', 'node.public_key').executeTakeFirst();
      if (registered?.value !== keys.previous) throw new ConcordError('NODE_KEY_MISMATCH', `the key loaded is not the key this database belongs to (${registered?.value})`);
      await appendFeed(trx, this.ctx.signer, at, [{ body: { type: 'key.rotated', previous: keys.previous, publicKey: keys.publicKey }, audience: 'network' }]);
      await trx.updateTable('node_settings').set({ value: keys.publicKey }).where('key', '=', 'node.public_key').execute();
      await trx.updateTable('partners').set({ public_key: keys.publicKey }).where('id', '=', self).execute();
      await appendAudit(trx, this.ctx.dialect, { partner: self, keyId: null }, at, [{ action: 'node.key_rotated', subjectType: 'partner', subjectId: self, details: keys }]);
    }).then(() => {
      this.ctx.signer = next;
    });
  }

  feedAfter(afterSeq: number, limit: number): Promise<StoredFeedEvent[]> {
    return this.ctx.run(() => feedAfter(this.ctx.db, afterSeq, limit));
  }

  /** Events of these types after `afterSeq`: what goes ahead of routine events (feed-priority.ts). */
  feedOfTypesAfter(afterSeq: number, types: readonly string[], limit: number): Promise<StoredFeedEvent[]> {
    return this.ctx.run(() => feedOfTypesAfter(this.ctx.db, afterSeq, types, limit));
  }

  latestFeedSeq(): Promise<number> {
    return this.ctx.run(() => latestFeedSeq(this.ctx.db));
  }
}
