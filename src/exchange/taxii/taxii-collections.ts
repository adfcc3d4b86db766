import type { BankRecord } from '../../domain/signal-record.js';
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

/**
 * A bank as a collection. Which banks a caller gets as collections is the viewer's
 * export view of banks (src/access/viewer-reads.ts): a bank of only local signals, or of
 * another group's, is not listed, so even its name does not reach a partner that may see
 * none of its content.
 */
export const toCollection = (bank: BankRecord, nodeId: string): TaxiiCollection => ({
  id: collectionId(nodeId, bank.id),
  title: bank.name,
  description: bank.description,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});
