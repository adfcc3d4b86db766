import type { Kysely } from 'kysely';
import { auditHash, canonicalJson, GENESIS_HASH } from '../store/audit-hash.js';
import type { Database } from '../store/database-schema.js';

/**
 * What someone with write access to the database could do to hide entries, for tests:
 * cut the chain's tail, or edit an entry and recompute every hash after it, so the chain
 * verifies on its own. Optionally also deletes the node's own checkpoints.
 */
export async function truncateAudit(db: Kysely<Database>, keep: number): Promise<void> {
  await db.deleteFrom('audit_log').where('seq', '>', keep).execute();
}

export async function rechainAudit(db: Kysely<Database>, edit: { seq: number; details: Record<string, unknown> }): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const seq = Number(row.seq);
    const details = seq === edit.seq ? edit.details : (JSON.parse(row.details) as Record<string, unknown>);
    const hash = auditHash(prev, { seq, at: row.at, actorPartner: row.actor_partner, actorKey: row.actor_key, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, details });
    await db.updateTable('audit_log').set({ prev_hash: prev, hash, details: canonicalJson(details) }).where('seq', '=', seq).execute();
    prev = hash;
  }
}

export async function forgetOwnCheckpoints(db: Kysely<Database>, node: string): Promise<void> {
  await db.deleteFrom('audit_checkpoints').where('node', '=', node).execute();
}
