import { z } from 'zod';
import { INCIDENT_CRITERIA } from '../../config/incident-config.js';
import { ENTRY_KINDS } from './incident-record.js';

/*
 * Incidents on the feed. Two event types: `incident.declared` (the incident, by its
 * declarer) and `incident.entry` (one timeline entry, by its author). A node passing on
 * someone else's event adds `original`: the author's own signed wire event, unchanged, so
 * every holder can check who wrote it (incident-received.ts).
 */

const Iso = z.string().min(20).max(40);
const Id = z.string().min(1).max(100);

export const SharedIncidentSchema = z.object({
  uid: Id,
  declarer: Id,
  title: z.string().min(1).max(500),
  tier: z.string().min(1).max(64),
  criteria: z.array(z.object({ criterion: z.enum(INCIDENT_CRITERIA), met: z.boolean(), reason: z.string().max(4000) })).max(INCIDENT_CRITERIA.length),
  eventAt: Iso,
  discoveredAt: Iso,
  declaredAt: Iso,
  banks: z.array(z.string().max(200)).max(100),
  signalUids: z.array(Id).max(1000),
  externalRefs: z.array(z.object({ protocol: z.string().min(1).max(64), id: z.string().min(1).max(200) })).max(20),
  leadProtocol: z.string().max(64).nullable(),
  distribution: z.string().max(100),
});
export type SharedIncident = z.infer<typeof SharedIncidentSchema>;

export const SharedEntrySchema = z.object({
  uid: Id,
  incident: Id,
  byNode: Id,
  nodeSeq: z.number().int().positive(),
  kind: z.enum(ENTRY_KINDS),
  eventAt: Iso,
  discoveredAt: Iso,
  text: z.string().max(4000),
  data: z.record(z.string(), z.unknown()),
});
export type SharedEntry = z.infer<typeof SharedEntrySchema>;

const Original = z.string().max(200_000).optional();

export const IncidentDeclaredBody = z.object({ type: z.literal('incident.declared'), node: Id, at: z.string(), incident: SharedIncidentSchema, original: Original });
export const IncidentEntryBody = z.object({ type: z.literal('incident.entry'), node: Id, at: z.string(), entry: SharedEntrySchema, original: Original });

export const INCIDENT_EVENT_TYPES = ['incident.declared', 'incident.entry'] as const;
