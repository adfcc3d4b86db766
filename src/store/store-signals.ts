import type { Transaction } from 'kysely';
import type { OpinionKind, SignalRecord, SignalStatus } from '../domain/signal-record.js';
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

interface OpinionRow {
  readonly id: number;
  readonly partner: string;
  readonly opinion: OpinionKind;
}

/**
 * The status opinions imply. Disputes count only when newer than the contributor's last
 * confirmation, so a re-confirmed signal matches again until it is disputed anew.
 * The contributor's own latest "disputed" overturns it at once.
 */
export function statusFromOpinions(
  signal: SignalRecord,
  opinions: readonly OpinionRow[],
  disputeThreshold: number,
): { status: SignalStatus; reason: string | null } {
  if (signal.status === 'retracted' || signal.status === 'expired') return { status: signal.status, reason: signal.statusReason };
  const latest = new Map<string, OpinionRow>();
  for (const o of [...opinions].sort((a, b) => a.id - b.id)) if (o.opinion !== 'seen') latest.set(o.partner, o);
  const own = latest.get(signal.contributor);
  if (own?.opinion === 'disputed') return { status: 'disputed', reason: 'overturned by its contributor' };
  const confirmedAfter = own?.opinion === 'confirmed' ? own.id : 0;
  const disputers = [...latest.values()].filter((o) => o.opinion === 'disputed' && o.id > confirmedAfter);
  if (disputers.length >= disputeThreshold) {
    return { status: 'disputed', reason: `disputed by ${disputers.length} partners (threshold ${disputeThreshold})` };
  }
  return { status: 'active', reason: null };
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
