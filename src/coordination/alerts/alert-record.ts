import type { Selectable } from 'kysely';
import { z } from 'zod';
import { ConcordError } from '../../errors/concord-error.js';
import type { AlertInput } from '../alert-sink.js';
import type { CoordinationTables } from './coordination-tables.js';

/** An alert as stored and listed: raised here or received from the node that raised it. */
export interface AlertRecord {
  readonly uid: string;
  /** The node that raised it: every shared object names its contributor. */
  readonly origin: string;
  readonly kind: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly title: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly dedupeKey: string;
  readonly incidentId: string | null;
  readonly signalUids: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;
  readonly distribution: string;
  readonly audienceNode: string | null;
  /** How many times the same condition was raised at its origin's node since the first. */
  readonly repeatCount: number;
  readonly firstAt: string;
  readonly lastAt: string;
  /** The partner whose feed it came from (null: raised here). */
  readonly receivedFrom: string | null;
}

export const DISTRIBUTION_LEVEL = z.string().regex(/^(local|partners|network|group:[a-z0-9][a-z0-9_-]{0,63})$/, 'a distribution level: local, partners, network or group:<name>');

/** What an alert may hold: bounded, plain data (counts, uids, URLs of content, ids of Concord objects). */
export const AlertInputSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'a lower-case word such as surge or referral_overdue'),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string().min(1).max(300),
  subject: z.object({ type: z.enum(['cluster', 'referral', 'incident', 'source_find', 'signal']), id: z.string().min(1).max(200) }),
  dedupeKey: z.string().min(1).max(300),
  incidentId: z.string().max(200).nullable().optional(),
  signalUids: z.array(z.string().min(1).max(100)).max(100).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  distribution: DISTRIBUTION_LEVEL,
  audienceNode: z.string().max(100).nullable().optional(),
});

/** Checks an alert before anything is stored: ALERT_INVALID names the first problem. */
export function checkAlertInput(input: AlertInput): AlertInput {
  const parsed = AlertInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConcordError('ALERT_INVALID', `alert ${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  if (JSON.stringify(input.details ?? {}).length > 16_384) throw new ConcordError('ALERT_INVALID', 'alert details: over 16 KiB of JSON');
  return input;
}

export function toAlert(row: Omit<Selectable<CoordinationTables['alerts']>, 'id'>): AlertRecord {
  return {
    uid: row.uid,
    origin: row.origin,
    kind: row.kind,
    severity: row.severity as AlertRecord['severity'],
    title: row.title,
    subject: { type: row.subject_type, id: row.subject_id },
    dedupeKey: row.dedupe_key,
    incidentId: row.incident_id,
    signalUids: JSON.parse(row.signal_uids) as string[],
    details: JSON.parse(row.details) as Record<string, unknown>,
    distribution: row.distribution,
    audienceNode: row.audience_node,
    repeatCount: row.repeat_count,
    firstAt: row.first_at,
    lastAt: row.last_at,
    receivedFrom: row.received_from,
  };
}
