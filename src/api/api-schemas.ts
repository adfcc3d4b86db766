import { z } from 'zod';
import { OPINIONS, SIGNAL_STATUSES } from '../domain/signal-record.js';
import { ROLES } from '../domain/roles.js';
import { LABELS } from '../taxonomy/labels.js';
import { MATCH_SCOPES } from '../signals/signal-type.js';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../util/storable-text.js';

/** Request and response shapes shared by the routes; they also make the OpenAPI document. */
/**
 * Every text field a route stores or looks up by (names, descriptions, reasons, purposes,
 * ids): NUL and unpaired surrogates get the same 400 REQUEST_INVALID on both dialects.
 *
 * @example
 *   const Reason = Text.trim().min(3).max(4000);
 */
export const Text = z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: 'Error' });

export const Label = z.enum(Object.keys(LABELS) as [keyof typeof LABELS, ...(keyof typeof LABELS)[]]).meta({ description: 'A label from the closed taxonomy' });
export const Status = z.enum(SIGNAL_STATUSES);
export const Distribution = z
  .string()
  .regex(/^(local|partners|network|group:[a-z0-9][a-z0-9_-]{0,63})$/, 'local, partners, network or group:<name>')
  .meta({ description: 'local | partners | network | group:<name>' });
export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const SignalQuery = z.object({ type: Text.min(1).max(64), value: Text.min(1).max(65536) });

export const SignalBody = z
  .object({
    id: z.number(),
    uid: z.string().meta({ description: 'Network-wide id, the same on every node that holds the signal' }),
    origin: z.string().nullable().meta({ description: 'The node it was first contributed at; null for this node' }),
    receivedFrom: z.string().nullable().meta({ description: 'The partner node it came from; null for signals contributed here' }),
    bankId: z.number(),
    type: z.string(),
    value: z.string(),
    label: z.string(),
    reason: z.string(),
    contributor: z.string(),
    reviewedByKey: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    distribution: z.string(),
    status: Status,
    statusReason: z.string().nullable(),
    matchCount: z.number(),
    lastMatchedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    addedByKey: z.string().nullable().meta({ description: 'The API key that added it here; null for received signals and the node’s own loads' }),
    confirmations: z.number().meta({ description: 'Distinct reviewer keys, other than the adding one, that confirmed it' }),
    confirmationsRequired: z.number().meta({ description: 'Confirmations it needs before it leaves the node (per distribution level)' }),
    confirmedAt: z.string().nullable().meta({ description: 'When it became confirmed; null: it matches here but is not shared (feed, TAXII, exports)' }),
    incidentId: z.string().nullable().optional().meta({ description: 'The incident it was added under (its network-wide id); null for routine signals' }),
  })
  .meta({ id: 'Signal' });

export const NewSignalBody = z.object({
  type: Text.min(1).max(64),
  value: Text.min(1).max(65536),
  label: Text,
  reason: Text.trim().min(3, 'give the reason for this signal').max(4000),
  distribution: Distribution.default('partners'),
  incidentId: Text.min(1).max(100).optional().meta({ description: 'Add it under this incident (GET /v1/incidents): the signal carries the id and its matches roll up to the incident' }),
});

export const BankBody = z
  .object({ id: z.number(), name: z.string(), description: z.string(), owner: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Bank' });

export const OpinionBody = z.object({
  id: z.number(),
  uid: z.string(),
  signalId: z.number(),
  partner: z.string(),
  opinion: z.enum(OPINIONS),
  reason: z.string(),
  createdAt: z.string(),
});

export const MatchBody = z.object({
  signalId: z.number(),
  bankId: z.number(),
  type: z.string(),
  value: z.string(),
  distance: z.number(),
  scope: z.enum(MATCH_SCOPES),
  label: z.string(),
  contributor: z.string(),
  status: Status,
  variant: z.string().optional(),
});

export const MatchResultsBody = z
  .object({ results: z.array(z.object({ query: z.object({ type: z.string(), value: z.string() }), matches: z.array(MatchBody) })) })
  .meta({ id: 'MatchResults' });

export const HashedSignalBody = z.object({
  type: z.string(),
  value: z.string(),
  quality: z.number().optional(),
  matchable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const HashResultBody = z
  .object({
    contentType: z.string(),
    signals: z.array(HashedSignalBody),
    skipped: z.array(z.object({ type: z.string(), skipped: z.string() })),
  })
  .meta({ id: 'HashResult' });

export const AuditEntryBody = z.object({
  seq: z.number(),
  at: z.string(),
  actorPartner: z.string(),
  actorKey: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const PartnerBody = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['self', 'partner']),
  url: z.string().nullable(),
  publicKey: z.string().nullable(),
  sharingGroups: z.array(z.string()).readonly(),
  createdAt: z.string(),
});

export const ApiKeyBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  roles: z.array(z.enum(ROLES)).readonly(),
  purpose: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable().meta({ description: 'From this time the key is refused with AUTH_EXPIRED; null: it never expires' }),
});

export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 429: ErrorBody, 503: ErrorBody };
