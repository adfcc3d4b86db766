import type { Transaction } from 'kysely';
import type { Database } from '../../store/database-schema.js';
import type { AlertInput } from '../alert-sink.js';
import { toAlert, type AlertRecord } from './alert-record.js';
import { coordinationTrx } from './coordination-tables.js';

/** Where an alert row comes from: raised at this node, or received on a partner's signed feed. */
export type AlertProvenance =
  | { readonly kind: 'raised'; readonly at: string }
  | { readonly kind: 'received'; readonly from: string; readonly raisedAt: string; readonly at: string; readonly wire: string };

/**
 * Inserts the first row of an alert, raised here or received: the one place that maps an
 * alert to its columns, so both paths store the same shape. Returns the alert as listed.
 *
 * @example
 *   const alert = await insertAlertRow(trx, { uid, origin: self, alert: input }, { kind: 'raised', at });
 */
export async function insertAlertRow(
  trx: Transaction<Database>,
  a: { readonly uid: string; readonly origin: string; readonly alert: AlertInput },
  provenance: AlertProvenance,
): Promise<AlertRecord> {
  const { alert } = a;
  const received = provenance.kind === 'received' ? provenance : null;
  const row = {
    uid: a.uid,
    origin: a.origin,
    kind: alert.kind,
    severity: alert.severity,
    title: alert.title,
    subject_type: alert.subject.type,
    subject_id: alert.subject.id,
    dedupe_key: alert.dedupeKey,
    incident_id: alert.incidentId ?? null,
    signal_uids: JSON.stringify(alert.signalUids ?? []),
    details: JSON.stringify(alert.details ?? {}),
    distribution: alert.distribution,
    audience_node: alert.audienceNode ?? null,
    repeat_count: 1,
    first_at: received ? received.raisedAt : provenance.at,
    last_at: provenance.at,
    received_from: received ? received.from : null,
    origin_event: received ? received.wire : null,
  };
  await coordinationTrx(trx).insertInto('alerts').values(row).execute();
  return toAlert(row);
}
