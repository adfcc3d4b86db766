import type { Transaction } from 'kysely';
import type { AuditEvent } from '../domain/audit-event.js';
import type { PendingEvent } from '../exchange/feed/feed-body.js';
import type { Database } from './database-schema.js';
import type { DialectName } from './migrations.js';
import type { NearSignals } from './kysely/kysely-context.js';
import type { PartnerRecord } from './store.js';

/**
 * The plug-in point for feed event types beyond signals (incidents, referrals, alerts,
 * sightings...). A partner's verified events are applied in order inside one
 * transaction (store-sync.ts); an event whose `type` a handler claims is given to that
 * handler instead of being skipped as unknown.
 *
 * A handler must be idempotent by the object's network-wide id (the same event can
 * arrive twice, directly and relayed), must not trust anything the signature does not
 * cover, and writes only through `trx`, so that a batch is applied whole or not at all.
 * It returns 'skipped' for an event it understands but will not apply (malformed, about
 * an unknown object, not addressed to this node), which the sync counts.
 */
export interface ReceivedBodyHandler {
  /** The body types this handler applies, e.g. ['incident.declared', 'incident.entry']. */
  readonly types: readonly string[];
  apply(ctx: ReceivedBodyContext, body: Record<string, unknown> & { type: string }): Promise<'applied' | 'skipped'>;
}

export interface ReceivedBodyContext {
  readonly trx: Transaction<Database>;
  readonly dialect: DialectName;
  /** The partner whose feed the event came from (its signature was verified). */
  readonly from: PartnerRecord;
  /** The event exactly as received, to keep as proof of origin. */
  readonly wire: string;
  /** The event's sequence number on the sender's feed. */
  readonly seq: number;
  /** This node's clock at the time of the sync. */
  readonly at: string;
  /** Audit entries to append (in the same transaction) once the batch is applied. */
  readonly audit: AuditEvent[];
  /** Events this node writes to its own feed in answer (e.g. a signed receipt). */
  readonly feed: PendingEvent[];
  /** Ids of signals held here within the type's threshold of a value (the match index; signals of this batch are not in it yet). */
  readonly nearSignals: NearSignals;
}
