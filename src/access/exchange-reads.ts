import type { BankRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { FeedPage } from '../exchange/feed/feed-event.js';
import { servedPage } from '../exchange/feed/feed-serve.js';
import { PRIORITY_EVENT_TYPES, PRIORITY_PER_PAGE } from '../exchange/feed/feed-priority.js';
import { collectionId } from '../exchange/stix/stix-ids.js';
import { collectionPage, type CollectionPage, type PageQuery } from '../exchange/taxii/taxii-pager.js';
import { exportHashList } from '../exchange/threatexchange/te-export.js';
import type { HashListFormat } from '../exchange/threatexchange/te-list.js';
import type { Viewer } from './viewer.js';
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
   * verifies; an event the partner may not see comes as a stub without its body, and the
   * head is signed for this partner (feed-serve.ts), so a stripped body or a forged head
   * is caught at the other end. `waitBeyond` holds an empty answer until the feed grows
   * past `after` (long poll).
   */
  async feedPage(viewer: Viewer, q: { after: number; limit: number; waitBeyond?: () => Promise<void>; sign: (text: string) => string; now: Date }): Promise<FeedPage> {
    if (viewer.kind !== 'partner-node') throw new ConcordError('PEER_AUTH_INVALID', 'the feed is served to partner nodes only');
    const { store, selfPartner } = this.reads;
    let events = await store.feedAfter(q.after, q.limit);
    if (events.length === 0 && q.waitBeyond) {
      await q.waitBeyond();
      events = await store.feedAfter(q.after, q.limit);
    }
    const head = await store.latestFeedSeq();
    const last = events.at(-1)?.seq ?? q.after;
    // A reader still behind a key rotation needs it to check a head signed with the new key.
    const rotations = last < head ? await store.feedRotationsAfter(last) : [];
    // A reader behind gets the priority events beyond this page with it (feed-priority.ts).
    const priority = last < head ? await store.feedLog.feedOfTypesAfter(last, PRIORITY_EVENT_TYPES, PRIORITY_PER_PAGE) : [];
    return servedPage({ node: selfPartner, head, after: q.after, reader: { id: viewer.partnerId, sharingGroups: viewer.sharingGroups }, events, sign: q.sign, now: q.now, rotations, priority });
  }
}
