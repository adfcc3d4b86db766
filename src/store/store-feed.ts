import type { Kysely, Transaction } from 'kysely';
import { ConcordError } from '../errors/concord-error.js';
import type { PendingEvent } from '../exchange/feed/feed-body.js';
import { FEED_GENESIS, type WireEvent } from '../exchange/feed/feed-event.js';
import { signedEvent, wireOf } from '../exchange/feed/feed-signing.js';
import { canonicalJson } from './audit-hash.js';
import type { Database } from './database-schema.js';

/** What the store needs to publish feed events: the node's id and its signing key. */
export interface FeedSigner {
  readonly nodeId: string;
  sign(data: string): string;
}

/** A feed event as stored: the wire form plus who may see its body. */
export interface StoredFeedEvent extends WireEvent {
  readonly body: string;
  /** The distribution level that decides who gets the body (also in `audience` on v2 events). */
  readonly level: string;
  readonly audienceNode: string | null;
}

/**
 * Appends events to the feed inside the caller's transaction (which holds the write lock,
 * so sequence numbers and links follow commit order). Signing happens here, before commit:
 * an acknowledged change and its signed event are durable together or not at all.
 */
export async function appendFeed(trx: Transaction<Database>, signer: FeedSigner | undefined, at: string, events: readonly PendingEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!signer) throw new ConcordError('NODE_KEY_MISSING', 'this process has no node key loaded, so it cannot publish feed events');
  const head = await trx.selectFrom('feed_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prev = head?.hash ?? FEED_GENESIS;
  const rows = events.map((e) => {
    seq += 1;
    const w = signedEvent(signer, seq, prev, canonicalJson({ ...e.body, at, node: signer.nodeId }), e.audience, e.audienceNode ?? null);
    const row = { seq, at, type: e.body.type, body: w.body, body_hash: w.bodyHash, prev_hash: prev, hash: w.hash, sig: w.sig, audience: e.audience, audience_node: e.audienceNode ?? null, hash_version: 2 };
    prev = w.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 400) await trx.insertInto('feed_events').values(rows.slice(i, i + 400)).execute();
}

export async function feedAfter(db: Kysely<Database>, afterSeq: number, limit: number): Promise<StoredFeedEvent[]> {
  const rows = await db.selectFrom('feed_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...wireOf(r), level: r.audience, audienceNode: r.audience_node }));
}

/** Events of the given types after `afterSeq`, in sequence order (the (type, seq) index). */
export async function feedOfTypesAfter(db: Kysely<Database>, afterSeq: number, types: readonly string[], limit: number): Promise<StoredFeedEvent[]> {
  if (types.length === 0) return [];
  const rows = await db.selectFrom('feed_events').selectAll().where('type', 'in', [...types]).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...wireOf(r), level: r.audience, audienceNode: r.audience_node }));
}

export async function latestFeedSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('feed_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

// Who hears about what (sharedSignal, aboutSignal, isShared) is a federation rule: src/exchange/federation/federation-audience.ts.
