import { fail, ok, type Result } from '../../errors/result.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import { LABELS, type Label } from '../../taxonomy/labels.js';

/**
 * A ThreatExchange-style hash list entry, named as python-threatexchange names its CSV
 * columns (`signal_type`, `signal_str`, space-separated `tags`), plus the `deleted` flag
 * ThreatExchange uses for withdrawn entries. Concord's taxonomy label travels as a tag.
 */
export interface HashListEntry {
  readonly signal_type: string;
  readonly signal_str: string;
  readonly tags: readonly string[];
  readonly deleted: boolean;
}

export const HASH_LIST_FORMATS = ['te-csv', 'te-json'] as const;
export type HashListFormat = (typeof HASH_LIST_FORMATS)[number];

/** ThreatExchange's names for types Concord calls otherwise. */
const TYPE_ALIASES: Readonly<Record<string, string>> = { video_md5: 'md5', photo_md5: 'md5', pdq_hash: 'pdq' };

/** A validated entry, ready to store unless `deleted`. */
export interface ValidEntry {
  readonly type: string;
  readonly value: string;
  readonly label: Label;
  readonly deleted: boolean;
}

/**
 * Validates an entry: the type through the registry, the value by its type, and exactly
 * one taxonomy label among the tags (or `fallbackLabel`, which the curator gave for the
 * whole list). Other tags are ignored; a label is never guessed.
 */
export function validateEntry(registry: SignalRegistry, entry: HashListEntry, fallbackLabel?: Label): Result<ValidEntry> {
  const typeName = entry.signal_type.trim().toLowerCase();
  const valid = registry.validate(TYPE_ALIASES[typeName] ?? typeName, entry.signal_str);
  if (!valid.ok) return valid;
  const labels = [...new Set(entry.tags.map((t) => t.trim()).filter((t) => Object.hasOwn(LABELS, t)))] as Label[];
  if (labels.length > 1) return fail('SIGNAL_LIST_LINE_INVALID', `tags name several taxonomy labels (${labels.join(', ')}); give one`);
  const label = labels[0] ?? fallbackLabel;
  if (!label) return fail('LABEL_MISSING', `no taxonomy label among the tags (${entry.tags.join(' ') || 'none'}); tag the entry or give --label`);
  return ok({ type: valid.value.type.name, value: valid.value.value, label, deleted: entry.deleted });
}

/** A parsed line of a list file, before validation, or why it could not be read. */
export type ListLine = { readonly line: number } & ({ readonly entry: HashListEntry } | { readonly code: 'SIGNAL_LIST_LINE_INVALID'; readonly message: string });

/** Reads `deleted` as ThreatExchange writes it: true/false, 1/0, or empty for false. */
export function parseDeleted(raw: unknown): boolean | undefined {
  if (raw === undefined || raw === null || raw === '' || raw === false || raw === 0) return false;
  if (raw === true || raw === 1) return true;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase();
  return s === 'true' || s === '1' ? true : s === 'false' || s === '0' || s === '' ? false : undefined;
}
