import type { Distribution } from '../../domain/signal-record.js';
import type { ErrorCode } from '../../errors/error-catalogue.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import type { Actor, NewSignal } from '../../store/store.js';
import type { Label } from '../../taxonomy/labels.js';
import { addNewSignals } from '../bank-import.js';
import { readTeCsv } from './te-csv.js';
import { readTeJson } from './te-json.js';
import { validateEntry, type HashListFormat } from './te-list.js';

export interface HashListImportOptions {
  readonly format: HashListFormat;
  /** Why these signals are banked: stored as every signal's reason. */
  readonly reason: string;
  /** The label for entries whose tags carry none (a curator's choice for the whole list). */
  readonly label?: Label;
  readonly distribution: Distribution;
}

export interface HashListImportResult {
  readonly entries: number;
  readonly added: number;
  readonly alreadyPresent: number;
  /** Entries flagged `deleted`: not added. */
  readonly deleted: number;
  readonly errors: readonly { readonly line: number; readonly code: ErrorCode; readonly message: string }[];
}

/**
 * Imports a ThreatExchange-style list into a bank. Every line is validated and each bad
 * one reported by number with its code; the good ones are added (in all-or-nothing
 * batches), skipping those the bank holds already and those flagged deleted.
 *
 * @example
 *   await importHashList(store, registry, bankId, text, { format: 'te-csv', reason: 'incident 7 list', distribution: 'local' }, actor);
 *   // { entries: 120, added: 118, alreadyPresent: 0, deleted: 1, errors: [{ line: 9, code: 'SIGNAL_VALUE_INVALID', … }] }
 */
export async function importHashList(store: KyselyStore, registry: SignalRegistry, bankId: number, text: string, options: HashListImportOptions, actor: Actor): Promise<HashListImportResult> {
  const lines = options.format === 'te-csv' ? readTeCsv(text) : readTeJson(text);
  const errors: { line: number; code: ErrorCode; message: string }[] = [];
  const good: NewSignal[] = [];
  let entries = 0;
  let deleted = 0;
  for (const l of lines) {
    if (!('entry' in l)) {
      errors.push({ line: l.line, code: l.code, message: l.message });
      continue;
    }
    entries++;
    const valid = validateEntry(registry, l.entry, options.label);
    if (!valid.ok) errors.push({ line: l.line, code: valid.code, message: valid.message });
    else if (valid.value.deleted) deleted++;
    else good.push({ type: valid.value.type, value: valid.value.value, label: valid.value.label, reason: options.reason, distribution: options.distribution });
  }
  const { added, alreadyPresent } = await addNewSignals(store, bankId, good, actor);
  return { entries, added: added.length, alreadyPresent, deleted, errors };
}
