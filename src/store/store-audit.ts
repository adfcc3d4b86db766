import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database-schema.js';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
import type { DialectName } from './migrations.js';
import { toAudit } from './store-rows.js';
import type { Actor, AuditEntry, AuditVerification } from './store.js';

import type { AuditEvent } from '../domain/audit-event.js';

export type { AuditEvent } from '../domain/audit-event.js';

// Serialises writers across processes sharing one PostgreSQL until they commit, so the
// audit chain never forks and change-log sequence numbers follow commit order. SQLite
// transactions are already serialised by the single writer. The lock is re-entrant.
const WRITE_LOCK_KEY = 740001;

export async function lockWrites(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
  // SQLite: take the write lock before the first read. A deferred transaction that reads
  // first and another process commits in between fails at once with SQLITE_BUSY_SNAPSHOT,
  // without waiting out the busy timeout (seen under --workers 2 in the fault run).
  else await sql`update node_settings set value = value where 0`.execute(trx);
}

/** Appends entries to the chain inside the caller's transaction. */
export async function appendAudit(trx: Transaction<Database>, dialect: DialectName, actor: Actor, at: string, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await lockWrites(trx, dialect);
  const head = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const rows = events.map((e) => {
    seq += 1;
    const fields = {
      seq,
      at,
      actorPartner: actor.partner,
      actorKey: actor.keyId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
      details: e.details,
    };
    const hash = auditHash(prev, fields);
    const row = {
      seq,
      at,
      actor_partner: actor.partner,
      actor_key: actor.keyId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: String(e.subjectId),
      details: canonicalJson(e.details),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
}

export async function listAudit(db: Kysely<Database>, o: { afterSeq?: number; limit: number; subjectType?: string; subjectId?: string }): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().where('seq', '>', o.afterSeq ?? 0);
  if (o.subjectType) q = q.where('subject_type', '=', o.subjectType);
  if (o.subjectId) q = q.where('subject_id', '=', o.subjectId);
  return (await q.orderBy('seq').limit(o.limit).execute()).map(toAudit);
}

/** Walks the whole chain in pages, recomputing every hash and link. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(5000).execute();
    if (page.length === 0) return { ok: true, checked };
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(checked, expectedSeq, `entry ${expectedSeq} is missing (next is ${seq})`);
      if (row.prev_hash !== prev) return broken(checked, seq, 'prev_hash does not link to the previous entry');
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(row.details) as Record<string, unknown>;
      } catch {
        return broken(checked, seq, 'details are not valid JSON');
      }
      const hash = auditHash(prev, {
        seq,
        at: row.at,
        actorPartner: row.actor_partner,
        actorKey: row.actor_key,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        details,
      });
      if (hash !== row.hash) return broken(checked, seq, 'hash does not match the entry (it was altered)');
      prev = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
  }
}

const broken = (checked: number, seq: number, problem: string): AuditVerification => ({ ok: false, checked, firstBroken: { seq, problem } });
