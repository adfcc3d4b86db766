import { createHash } from 'node:crypto';

/**
 * Deterministic STIX identifiers, so exporting the same signal twice gives the same id
 * and a partner's copy is updated rather than duplicated.
 *
 * @example
 *   indicatorId('node-1a2b', 42);   // 'indicator--<uuidv5 of "node-1a2b/signal/42">', the same on every export
 */

/** Concord's own UUIDv5 namespace (random, fixed forever: changing it changes every exported id). */
export const CONCORD_NAMESPACE = '6f0d7c3e-2b0a-4c55-9a57-2f1c9e7d4b81';

/** The namespace STIX 2.1 (section 2.9) fixes for deterministic cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 version-5 UUID: SHA-1 of namespace bytes and name, with version and variant bits set. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const indicatorId = (nodeId: string, signalId: number): string => `indicator--${uuidv5(`${nodeId}/signal/${signalId}`, CONCORD_NAMESPACE)}`;

/** The identity a partner organisation's objects are `created_by_ref`. */
export const identityId = (partnerId: string): string => `identity--${uuidv5(`partner/${partnerId}`, CONCORD_NAMESPACE)}`;

/** A bank's TAXII collection id: stable across restarts and renames of the bank. */
export const collectionId = (nodeId: string, bankId: number): string => uuidv5(`${nodeId}/bank/${bankId}`, CONCORD_NAMESPACE);

/**
 * A cyber-observable's id as STIX 2.1 defines it: UUIDv5 over the canonical JSON (RFC 8785)
 * of its id-contributing properties. Our properties are flat strings and one-key hash
 * maps, for which sorted keys and no whitespace are the whole canonical form.
 */
export function observableId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
