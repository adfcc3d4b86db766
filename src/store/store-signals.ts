import type { Transaction } from 'kysely';
import type { SignalRecord, SignalStatus } from '../domain/signal-record.js';
import { ConcordError } from '../errors/concord-error.js';
import type { Database } from './database-schema.js';
import { toSignal } from './store-rows.js';
import type { Actor } from './store.js';

/** Records that a signal changed, so every process's index picks it up. */
export async function noteChanges(trx: Transaction<Database>, ids: readonly number[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await trx.insertInto('signal_changes').values(ids.slice(i, i + 500).map((id) => ({ signal_id: id, at }))).execute();
  }
}

export async function signalForUpdate(trx: Transaction<Database>, id: number): Promise<SignalRecord> {
  const row = await trx.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', `no signal with id ${id}`);
  return toSignal(row);
}

export async function setStatus(trx: Transaction<Database>, id: number, status: SignalStatus, reason: string | null, at: string): Promise<void> {
  await trx.updateTable('signals').set({ status, status_reason: reason, updated_at: at }).where('id', '=', id).execute();
}

export const signalAuditDetails = (s: SignalRecord) => ({
  type: s.type,
  value: s.value,
  label: s.label,
  reason: s.reason,
  bankId: s.bankId,
  distribution: s.distribution,
  contributor: s.contributor,
});

export const actorDetails = (actor: Actor) => ({ partner: actor.partner, key: actor.keyId });
