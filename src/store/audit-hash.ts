import { createHash } from 'node:crypto';
import type { AuditEntry } from './store.js';

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

/** What an entry's hash covers: everything but the hashes themselves. */
export type AuditFields = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** hash = SHA-256(prevHash ‖ canonical JSON of the entry): changing any entry breaks every later link. */
export function auditHash(prevHash: string, entry: AuditFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}
