import type { Selectable } from 'kysely';
import type { Role } from '../domain/roles.js';
import type { BankRecord, Distribution, OpinionKind, OpinionRecord, SignalRecord, SignalStatus } from '../domain/signal-record.js';
import type { Label } from '../taxonomy/labels.js';
import type { Database } from './database-schema.js';
import type { ApiKeyRecord, AuditEntry, PartnerRecord } from './store.js';

/** Row ↔ record mapping, in one place so both dialects read alike (PG returns bigint counts as strings). */
export const toSignal = (r: Selectable<Database['signals']>): SignalRecord => ({
  id: Number(r.id),
  uid: r.uid,
  origin: r.origin,
  receivedFrom: r.received_from,
  bankId: Number(r.bank_id),
  type: r.type,
  value: r.value,
  label: r.label as Label,
  reason: r.reason,
  contributor: r.contributor,
  reviewedByKey: r.reviewed_by_key,
  reviewedAt: r.reviewed_at,
  distribution: r.distribution as Distribution,
  status: r.status as SignalStatus,
  statusReason: r.status_reason,
  matchCount: Number(r.match_count),
  lastMatchedAt: r.last_matched_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  addedByKey: r.added_by_key,
  confirmations: Number(r.confirmations),
  confirmationsRequired: Number(r.confirmations_required),
  confirmedAt: r.confirmed_at,
  incidentId: r.incident_uid ?? null,
});

export const toBank = (r: Selectable<Database['banks']>): BankRecord => ({
  id: Number(r.id),
  name: r.name,
  description: r.description,
  owner: r.owner,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toOpinion = (r: Selectable<Database['opinions']>): OpinionRecord => ({
  id: Number(r.id),
  uid: r.uid,
  signalId: Number(r.signal_id),
  partner: r.partner,
  opinion: r.opinion as OpinionKind,
  reason: r.reason,
  createdAt: r.created_at,
});

export const toPartner = (r: Selectable<Database['partners']>): PartnerRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind as 'self' | 'partner',
  url: r.url,
  publicKey: r.public_key,
  sharingGroups: r.sharing_groups ? r.sharing_groups.split(',') : [],
  createdAt: r.created_at,
});

export const toApiKey = (r: Selectable<Database['api_keys']>): ApiKeyRecord => ({
  id: r.id,
  partnerId: r.partner_id,
  roles: r.roles.split(',') as Role[],
  purpose: r.purpose,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  expiresAt: r.expires_at ?? null,
});

export const toAudit = (r: Selectable<Database['audit_log']>): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorPartner: r.actor_partner,
  actorKey: r.actor_key,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});
