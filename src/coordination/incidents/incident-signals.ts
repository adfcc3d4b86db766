import type { Transaction } from 'kysely';
import { ConcordError } from '../../errors/concord-error.js';
import type { Database } from '../../store/database-schema.js';

/**
 * Signals added under an incident must name one this node holds (inside the adding
 * transaction, so nothing is stored when it does not).
 */
export async function requireIncidents(trx: Transaction<Database>, signals: readonly { readonly incidentId?: string }[]): Promise<void> {
  const uids = [...new Set(signals.map((s) => s.incidentId).filter((u): u is string => !!u))];
  if (uids.length === 0) return;
  const rows = await trx.selectFrom('incidents').select('uid').where('uid', 'in', uids).execute();
  const missing = uids.filter((u) => !rows.some((r) => r.uid === u));
  if (missing.length > 0) throw new ConcordError('INCIDENT_NOT_FOUND', `no incident with id ${missing.join(', ')}: signals can only be added under an incident this node holds`);
}
