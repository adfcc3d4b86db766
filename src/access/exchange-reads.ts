import type { BankRecord, Distribution } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import { redact, type FeedPage } from '../exchange/feed/feed-event.js';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { collectionPage, type CollectionPage, type PageQuery } from '../exchange/taxii/taxii-pager.js';
import { exportHashList } from '../exchange/threatexchange/te-export.js';
import type { HashListFormat } from '../exchange/threatexchange/te-list.js';
import { maySee, type Viewer } from './viewer.js';
import type { ViewerReads } from './viewer-reads.js';

/**
 * The exchange formats and the feed as a viewer may see them: the same rule as the API
 * (viewer.ts) for the `export` purpose, where a local signal never leaves, and every query
 * through the store, so a lost database is STORE_UNAVAILABLE like everywhere else.
 */
export class ExchangeReads {
  constructor(private readonly reads: ViewerReads) {}

  /** A bank as a hash list; NOT_FOUND when the viewer may see nothing of it. */
  async hashList(viewer: Viewer, bankId: number, format: HashListFormat): Promise<{ bank: BankRecord; body: string }> {
    const bank = await this.reads.bank(viewer, bankId, 'export');
    return { bank, body: await exportHashList(this.reads.store, bank.id, viewer, format) };
  }

  /** The banks served as TAXII collections: the viewer's export view of banks. */
  collections(viewer: Viewer): Promise<BankRecord[]> {
    return this.reads.banks(viewer, 'export');
  }

  /** The bank behind a collection id, or NOT_FOUND (unknown and invisible look alike). */
  async collection(viewer: Viewer, id: string): Promise<BankRecord> {
    const bank = (await this.collections(viewer)).find((b) => collectionId(this.reads.selfPartner, b.id) === id.toLowerCase());
    if (!bank) throw new ConcordError('NOT_FOUND', `no collection ${id} visible to this key`);
    return bank;
  }

  async collectionPage(viewer: Viewer, id: string, q: Omit<PageQuery, 'bankId' | 'viewer' | 'nodeId'>): Promise<CollectionPage> {
    const bank = await this.collection(viewer, id);
    return collectionPage(this.reads.store, { ...q, bankId: bank.id, viewer, nodeId: this.reads.selfPartner });
  }

  /**
   * A page of the signed feed for a partner node. Every event is in the page so the chain
   * verifies; an event the partner may not see comes as a stub without its body.
   * `waitBeyond` holds an empty answer until the feed grows past `after` (long poll).
   */
  async feedPage(viewer: Viewer, q: { after: number; limit: number; waitBeyond?: () => Promise<void> }): Promise<FeedPage> {
    const { store, selfPartner } = this.reads;
    let events = await store.feedAfter(q.after, q.limit);
    if (events.length === 0 && q.waitBeyond) {
      await q.waitBeyond();
      events = await store.feedAfter(q.after, q.limit);
    }
    return {
      node: selfPartner,
      head: await store.latestFeedSeq(),
      events: events.map((e) =>
        maySee({ distribution: e.audience as Distribution, receivedFrom: e.audienceNode }, viewer, 'export')
          ? { seq: e.seq, prevHash: e.prevHash, bodyHash: e.bodyHash, hash: e.hash, sig: e.sig, body: e.body }
          : redact(e),
      ),
    };
  }
}
