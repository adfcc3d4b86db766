import { createHash } from 'node:crypto';

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal data always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface AuditFields {
  readonly seq: number;
  readonly at: string;
  readonly actorPartner: string;
  readonly actorKey: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the entry): changing any entry breaks every later link. */
export function auditHash(prevHash: string, entry: AuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}
