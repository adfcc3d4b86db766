import type { Kysely, Transaction } from 'kysely';
import { AUDIT_CHECKPOINT_TYPE, chainDisagrees, checkpointFromEvent, type AuditCheckpoint } from '../exchange/audit-checkpoint.js';
import { wireOf } from '../exchange/feed/feed-signing.js';
import type { Database } from './database-schema.js';
import { appendFeed, type FeedSigner } from './store-feed.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The audit chain's last entry, or undefined while it is empty. */
async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row && { seq: Number(row.seq), hash: row.hash };
}

/** The length the node's last checkpoint covers (0 before the first). */
async function lastCheckpointLength(db: Db, node: string): Promise<number> {
  const row = await db.selectFrom('audit_checkpoints').select('length').where('node', '=', node).orderBy('length', 'desc').limit(1).executeTakeFirst();
  return Number(row?.length ?? 0);
}

/**
 * Publishes a checkpoint of the audit chain on the feed, inside the caller's transaction
 * (which holds the write lock), when the chain grew by at least `minGrowth` entries since
 * the last one. Also keeps it among the node's own checkpoints. Returns it, if published.
 */
export async function publishCheckpoint(trx: Transaction<Database>, signer: FeedSigner | undefined, at: string, minGrowth: number): Promise<AuditCheckpoint | undefined> {
  if (!signer || minGrowth <= 0) return undefined;
  const head = await auditHead(trx);
  if (!head || head.seq - (await lastCheckpointLength(trx, signer.nodeId)) < minGrowth) return undefined;
  await appendFeed(trx, signer, at, [{ body: { type: AUDIT_CHECKPOINT_TYPE, length: head.seq, head: head.hash }, audience: 'network' }]);
  const row = await trx.selectFrom('feed_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const cp = { node: signer.nodeId, feedSeq: Number(row.seq), length: head.seq, head: head.hash, at, event: JSON.stringify(wireOf(row)) };
  await keepCheckpoint(trx, cp);
  return cp;
}

/** Keeps a checkpoint (ours or a partner's); the same one twice is kept once. */
export async function keepCheckpoint(db: Db, cp: AuditCheckpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({ node: cp.node, feed_seq: cp.feedSeq, length: cp.length, head: cp.head, at: cp.at, event: cp.event })
    .onConflict((oc) => oc.columns(['node', 'feed_seq']).doNothing())
    .execute();
}

/** A node's checkpoints, newest first. */
export async function listCheckpoints(db: Db, node: string, limit: number): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().where('node', '=', node).orderBy('length', 'desc').orderBy('feed_seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ node: r.node, feedSeq: Number(r.feed_seq), length: Number(r.length), head: r.head, at: r.at, event: r.event }));
}

/** The first checkpoint the audit chain disagrees with, and how; undefined when it agrees with all. */
export async function checkAgainst(db: Db, checkpoints: readonly AuditCheckpoint[]): Promise<{ checkpoint: AuditCheckpoint; problem: string } | undefined> {
  const length = (await auditHead(db))?.seq ?? 0;
  for (const cp of [...checkpoints].sort((a, b) => b.length - a.length)) {
    const row = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', cp.length).executeTakeFirst();
    const problem = chainDisagrees(cp, row && { seq: Number(row.seq), hash: row.hash }, length);
    if (problem) return { checkpoint: cp, problem };
  }
  return undefined;
}

/** A partner's checkpoint from one of its received events (its own, never a relayed one). */
export function receivedCheckpoint(event: { seq: number; wire: string; body: unknown }, from: string): AuditCheckpoint | undefined {
  const body = event.body as { type?: unknown } | undefined;
  if (body?.type !== AUDIT_CHECKPOINT_TYPE) return undefined;
  return checkpointFromEvent({ seq: event.seq, body: JSON.stringify(body) }, event.wire, from);
}
