import type { Selectable } from 'kysely';
import type { Database } from '../../store/database-schema.js';
import type { CriterionCheck, EntryKind, ExternalRef, IncidentRecord, TimelineEntry } from './incident-record.js';
import type { SharedEntry, SharedIncident } from './incident-wire.js';

/** Row ↔ record ↔ wire mapping for incidents, in one place so both dialects read alike. */
export const toIncident = (r: Selectable<Database['incidents']>): IncidentRecord => ({
  id: r.uid,
  title: r.title,
  tier: r.tier,
  criteria: JSON.parse(r.criteria) as CriterionCheck[],
  eventAt: r.event_at,
  discoveredAt: r.discovered_at,
  banks: JSON.parse(r.banks) as string[],
  signalUids: JSON.parse(r.signal_uids) as string[],
  externalRefs: JSON.parse(r.external_refs) as ExternalRef[],
  leadProtocol: r.lead_protocol,
  distribution: r.distribution,
  declarer: r.declarer,
  receivedFrom: r.received_from,
  status: r.status as IncidentRecord['status'],
  declaredAt: r.declared_at,
  concludedAt: r.concluded_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toEntry = (r: Selectable<Database['incident_entries']>): TimelineEntry => ({
  id: r.uid,
  incidentId: r.incident_uid,
  byNode: r.by_node,
  nodeSeq: Number(r.node_seq),
  kind: r.kind as EntryKind,
  eventAt: r.event_at,
  discoveredAt: r.discovered_at,
  text: r.text,
  data: JSON.parse(r.data) as Record<string, unknown>,
  receivedFrom: r.received_from,
  recordedAt: r.created_at,
});

/** An incident as the feed carries it: at the distribution it leaves this node with. */
export const sharedIncident = (i: IncidentRecord, distribution: string = i.distribution): SharedIncident => ({
  uid: i.id,
  declarer: i.declarer,
  title: i.title,
  tier: i.tier,
  criteria: i.criteria.map((c) => ({ ...c })),
  eventAt: i.eventAt,
  discoveredAt: i.discoveredAt,
  declaredAt: i.declaredAt,
  banks: [...i.banks],
  signalUids: [...i.signalUids],
  externalRefs: i.externalRefs.map((r) => ({ ...r })),
  leadProtocol: i.leadProtocol,
  distribution,
});

export const sharedEntry = (e: TimelineEntry): SharedEntry => ({
  uid: e.id,
  incident: e.incidentId,
  byNode: e.byNode,
  nodeSeq: e.nodeSeq,
  kind: e.kind,
  eventAt: e.eventAt,
  discoveredAt: e.discoveredAt,
  text: e.text,
  data: { ...e.data },
});
