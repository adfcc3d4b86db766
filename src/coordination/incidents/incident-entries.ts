import type { Kysely, Transaction } from 'kysely';
import type { PendingEvent } from '../../exchange/feed/feed-body.js';
import { canonicalJson } from '../../store/audit-hash.js';
import type { Database } from '../../store/database-schema.js';
import type { EntryKind, IncidentRecord, TimelineEntry } from './incident-record.js';
import { sharedEntry, toEntry, toIncident } from './incident-rows.js';

/*
 * Reading and writing incidents and entries inside a transaction: shared by the store
 * port (own writes), the received-body handler and the watcher.
 */

export async function incidentByUid(db: Kysely<Database> | Transaction<Database>, uid: string): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('uid', '=', uid).executeTakeFirst();
  return row && toIncident(row);
}

/** The timeline in its total order (incident-record.ts timelineOrder), as an index scan. */
export async function timelineOf(db: Kysely<Database> | Transaction<Database>, uid: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('incident_entries').selectAll().where('incident_uid', '=', uid).orderBy('event_at').orderBy('by_node').orderBy('node_seq').execute();
  return rows.map(toEntry);
}

/**
 * Who gets this node's own entries about an incident: whoever may see the incident here
 * and, for an incident received from a partner, that partner too, so the entry travels
 * back towards the declarer, which passes it on to every holder (incident-received.ts).
 */
export const ownAudience = (i: IncidentRecord): Pick<PendingEvent, 'audience' | 'audienceNode'> => ({ audience: i.distribution, audienceNode: i.receivedFrom });

export interface OwnEntryInput {
  readonly kind: EntryKind;
  readonly text: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly eventAt: string;
  readonly discoveredAt: string;
}

/**
 * Stores an entry written by this node and returns the feed event that publishes it.
 * The author's sequence is the next of its own on this incident: the caller's
 * transaction holds the write lock, so two writers never take the same number.
 */
export async function writeOwnEntry(trx: Transaction<Database>, self: string, incident: IncidentRecord, input: OwnEntryInput, uid: string, at: string): Promise<{ entry: TimelineEntry; event: PendingEvent }> {
  const last = await trx
    .selectFrom('incident_entries')
    .select((eb) => eb.fn.max('node_seq').as('seq'))
    .where('incident_uid', '=', incident.id)
    .where('by_node', '=', self)
    .executeTakeFirst();
  const row = await trx
    .insertInto('incident_entries')
    .values({
      uid,
      incident_uid: incident.id,
      by_node: self,
      node_seq: Number(last?.seq ?? 0) + 1,
      kind: input.kind,
      event_at: input.eventAt,
      discovered_at: input.discoveredAt,
      text: input.text,
      data: canonicalJson(input.data ?? {}),
      received_from: null,
      origin_event: null,
      created_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const entry = toEntry(row);
  return { entry, event: { body: { type: 'incident.entry', entry: sharedEntry(entry) }, ...ownAudience(incident) } };
}
