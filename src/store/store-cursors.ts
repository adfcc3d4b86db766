import type { Kysely, Transaction } from 'kysely';
import { FEED_GENESIS } from '../exchange/feed/feed-event.js';
import type { Database } from './database-schema.js';

/** Where this node is in one partner's feed, and how the last pulls went. */
export interface SyncCursor {
  readonly partnerId: string;
  readonly lastSeq: number;
  readonly lastHash: string;
  /** The partner's newest sequence number at the last contact. */
  readonly remoteHead: number;
  /** Events applied from this partner so far. */
  readonly applied: number;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

const EMPTY = { last_seq: 0, last_hash: FEED_GENESIS, remote_head: 0, applied: 0, last_success_at: null, last_error: null, last_error_at: null };

const toCursor = (partnerId: string, r: Omit<Database['sync_cursors'], 'partner_id'>): SyncCursor => ({
  partnerId,
  lastSeq: Number(r.last_seq),
  lastHash: r.last_hash,
  remoteHead: Number(r.remote_head),
  applied: Number(r.applied),
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
});

export async function readCursor(db: Kysely<Database> | Transaction<Database>, partnerId: string): Promise<SyncCursor> {
  const row = await db.selectFrom('sync_cursors').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  return toCursor(partnerId, row ?? EMPTY);
}

export async function listCursors(db: Kysely<Database>): Promise<SyncCursor[]> {
  return (await db.selectFrom('sync_cursors').selectAll().orderBy('partner_id').execute()).map((r) => toCursor(r.partner_id, r));
}

/** Writes a cursor's new fields, creating the row on first contact. */
export async function writeCursor(db: Kysely<Database> | Transaction<Database>, partnerId: string, set: Partial<Omit<Database['sync_cursors'], 'partner_id'>>): Promise<void> {
  await db
    .insertInto('sync_cursors')
    .values({ partner_id: partnerId, ...EMPTY, ...set })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet(set))
    .execute();
}
