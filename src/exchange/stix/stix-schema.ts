import { z } from 'zod';

/**
 * Zod schemas for STIX 2.1 arriving from elsewhere. Only what Concord reads is checked
 * strictly; other properties pass through untouched (STIX allows custom ones).
 */
const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an RFC 3339 UTC timestamp');
const Uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const StixIndicator = z.looseObject({
  type: z.literal('indicator'),
  spec_version: z.literal('2.1'),
  id: z.string().regex(new RegExp(`^indicator--${Uuid}$`), 'indicator--<uuid>'),
  created: Timestamp,
  modified: Timestamp,
  pattern: z.string().min(1),
  pattern_type: z.string().min(1),
  valid_from: Timestamp,
  revoked: z.boolean().optional(),
  description: z.string().optional(),
  labels: z.array(z.string()).optional(),
  created_by_ref: z.string().optional(),
  object_marking_refs: z.array(z.string()).optional(),
  x_concord_signal_type: z.string().optional(),
  x_concord_signal_value: z.string().optional(),
  x_concord_label: z.string().optional(),
  x_concord_reason: z.string().optional(),
  x_concord_status: z.string().optional(),
  x_concord_distribution: z.string().optional(),
  x_concord_contributor: z.string().optional(),
});
export type StixIndicator = z.infer<typeof StixIndicator>;

/** Any STIX object: a type and an id, checked further only when Concord reads its type. */
export const StixObject = z.looseObject({ type: z.string().min(1), id: z.string().min(1) });

/** A TAXII 2.1 envelope (objects endpoint). */
export const TaxiiEnvelope = z.looseObject({
  more: z.boolean().optional(),
  next: z.string().optional(),
  objects: z.array(z.unknown()).optional(),
});
