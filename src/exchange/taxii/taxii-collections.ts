import type { Kysely } from 'kysely';
import type { BankRecord } from '../../domain/signal-record.js';
import type { Database } from '../../store/database-schema.js';
import { sharedLevelsByBank } from '../../store/store-exchange.js';
import type { Store } from '../../store/store.js';
import { mayLeaveTowards, type Viewer } from '../distribution.js';
import { collectionId } from '../stix/stix-ids.js';
import { STIX_MEDIA_TYPE } from './taxii-media.js';

/** A TAXII 2.1 collection resource. */
export interface TaxiiCollection {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly can_read: true;
  readonly can_write: false;
  readonly media_types: readonly string[];
}

export const toCollection = (bank: BankRecord, nodeId: string): TaxiiCollection => ({
  id: collectionId(nodeId, bank.id),
  title: bank.name,
  description: bank.description,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

/**
 * The banks a viewer sees as collections: those holding at least one signal that may
 * leave towards it. A bank of only local signals, or of another group's, is not listed,
 * so even its name does not reach a partner that may see none of its content.
 */
export async function visibleBanks(store: Store, db: Kysely<Database>, viewer: Viewer): Promise<BankRecord[]> {
  const visible = new Set((await sharedLevelsByBank(db)).filter((l) => mayLeaveTowards(l.distribution, viewer)).map((l) => l.bankId));
  return (await store.listBanks()).filter((b) => visible.has(b.id));
}

/** The visible bank behind a collection id, or undefined (unknown and invisible look alike). */
export async function bankForCollection(store: Store, db: Kysely<Database>, viewer: Viewer, nodeId: string, id: string): Promise<BankRecord | undefined> {
  return (await visibleBanks(store, db, viewer)).find((b) => collectionId(nodeId, b.id) === id.toLowerCase());
}
