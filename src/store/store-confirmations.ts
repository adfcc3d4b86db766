import type { Transaction } from 'kysely';
import type { AuditEvent } from '../domain/audit-event.js';
import { decideConfirmation } from '../domain/four-eyes.js';
import type { Role } from '../domain/roles.js';
import type { SignalRecord } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { PendingEvent } from '../exchange/feed/feed-body.js';
import { sharedSignal } from '../exchange/federation/federation-audience.js';
import type { Database } from './database-schema.js';
import type { Actor } from './store.js';

/**
 * Applies four eyes (src/domain/four-eyes.ts) to a `confirmed` opinion inside the
 * opinion's transaction: refuses it (nothing stored) when the adding key or a key
 * without the reviewer role posts it, counts it once per distinct key otherwise, and
 * when the count reaches what the signal needs marks it confirmed and returns its
 * `signal.added` event: only from then on does the signal leave the node.
 */
export async function applyConfirmation(
  trx: Transaction<Database>,
  signal: SignalRecord,
  actor: Actor,
  at: string,
  selfNode: string,
): Promise<{ signal: SignalRecord; audit: AuditEvent[]; feed: PendingEvent[] }> {
  const key = actor.keyId === null ? undefined : await trx.selectFrom('api_keys').select(['roles', 'revoked_at']).where('id', '=', actor.keyId).executeTakeFirst();
  const roles = key && !key.revoked_at ? (key.roles.split(',') as Role[]) : [];
  const decision = decideConfirmation(signal, { partner: actor.partner, keyId: actor.keyId, roles });
  if (decision.kind === 'refuse') throw new ConcordError(decision.code, decision.message);
  if (decision.kind === 'opinion') return { signal, audit: [], feed: [] };
  // A retracted signal never leaves the node, so there is nothing left to confirm.
  if (signal.status === 'retracted' && signal.confirmedAt === null) throw new ConcordError('CONFLICT', `signal ${signal.id} was retracted before it was confirmed; there is nothing to confirm`);
  const keyId = actor.keyId!;
  const inserted = await trx.insertInto('signal_confirmations').values({ signal_id: signal.id, key_id: keyId, at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { signal, audit: [], feed: [] };
  const count = Number((await trx.selectFrom('signal_confirmations').select((eb) => eb.fn.countAll().as('n')).where('signal_id', '=', signal.id).executeTakeFirstOrThrow()).n);
  const becomes = signal.confirmedAt === null && count >= signal.confirmationsRequired;
  const updated: SignalRecord = becomes
    ? { ...signal, confirmations: count, confirmedAt: at, reviewedByKey: keyId, reviewedAt: at, updatedAt: at }
    : { ...signal, confirmations: count, updatedAt: at };
  await trx
    .updateTable('signals')
    .set(becomes ? { confirmations: count, confirmed_at: at, reviewed_by_key: keyId, reviewed_at: at, updated_at: at } : { confirmations: count, updated_at: at })
    .where('id', '=', signal.id)
    .execute();
  const audit: AuditEvent[] = [{ action: 'signal.confirmation_added', subjectType: 'signal', subjectId: signal.id, details: { key: keyId, confirmations: count, required: signal.confirmationsRequired } }];
  const feed: PendingEvent[] = [];
  if (becomes) {
    audit.push({ action: 'signal.confirmed', subjectType: 'signal', subjectId: signal.id, details: { confirmations: count, required: signal.confirmationsRequired } });
    // A local one never leaves anyway.
    if (updated.distribution !== 'local') {
      const bank = await trx.selectFrom('banks').select('name').where('id', '=', signal.bankId).executeTakeFirstOrThrow();
      feed.push({ body: { type: 'signal.added', signal: sharedSignal(updated, bank.name, selfNode) }, audience: updated.distribution });
    }
  }
  return { signal: updated, audit, feed };
}
