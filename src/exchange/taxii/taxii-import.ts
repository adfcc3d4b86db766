import { oneHopLess } from '../distribution.js';
import type { ErrorCode } from '../../errors/error-catalogue.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import type { Actor, NewSignal } from '../../store/store.js';
import { addNewSignals } from '../bank-import.js';
import { StixObject } from '../stix/stix-schema.js';
import { stixToSignal, type ImportedSignal } from '../stix/stix-import.js';
import { fetchCollection, type TaxiiClientOptions } from './taxii-client.js';

export interface TaxiiImportResult {
  readonly objects: number;
  readonly indicators: number;
  readonly added: number;
  readonly alreadyPresent: number;
  /** Revoked indicators, and those their source marks disputed or expired: not added. */
  readonly inactive: number;
  /** Indicators without a taxonomy label in x_concord_label: never given a guessed one. */
  readonly unlabelled: number;
  /** Other rejected indicators, counted by error code. */
  readonly invalid: Readonly<Record<string, number>>;
  /** Observables, identities, markings: served alongside, not signals themselves. */
  readonly otherObjects: number;
  /** The server's X-TAXII-Date-Added-Last: pass it as added_after next time. */
  readonly dateAddedLast?: string;
}

/**
 * Imports a TAXII 2.1 collection into a bank. Each Indicator is validated and mapped back
 * to a signal (stixToSignal); only the newest version of each is kept. Revoked or inactive
 * ones and those without a known label are skipped and counted. What is added is stored
 * one hop less than it was shared (network → partners, anything else → local), as a
 * Concord node does with everything it receives; the source's contributor and the
 * collection go into the reason, since the store records this node as the one adding it.
 */
export async function importTaxiiCollection(store: KyselyStore, registry: SignalRegistry, bankId: number, client: TaxiiClientOptions, actor: Actor): Promise<TaxiiImportResult> {
  const newest = new Map<string, ImportedSignal>();
  const invalid: Record<string, number> = {};
  const count = (code: ErrorCode) => (invalid[code] = (invalid[code] ?? 0) + 1);
  let objects = 0;
  let indicators = 0;
  let unlabelled = 0;
  let otherObjects = 0;
  let dateAddedLast: string | undefined;
  for await (const page of fetchCollection(client)) {
    dateAddedLast = page.dateAddedLast ?? dateAddedLast;
    for (const raw of page.objects) {
      objects++;
      const head = StixObject.safeParse(raw);
      if (!head.success) {
        count('STIX_OBJECT_INVALID');
        continue;
      }
      if (head.data.type !== 'indicator') {
        otherObjects++;
        continue;
      }
      indicators++;
      const read = stixToSignal(registry, raw);
      if (!read.ok) {
        if (read.code === 'LABEL_MISSING' || read.code === 'LABEL_UNKNOWN') unlabelled++;
        else count(read.code);
        continue;
      }
      const seen = newest.get(read.value.stixId);
      if (!seen || seen.modified <= read.value.modified) newest.set(read.value.stixId, read.value);
    }
  }
  const active = [...newest.values()].filter((s) => !s.revoked && (s.status === undefined || s.status === 'active'));
  const signals: NewSignal[] = active.map((s) => ({
    type: s.type,
    value: s.value,
    label: s.label,
    reason: provenance(s, client.collectionUrl),
    distribution: oneHopLess(s.sharedAs),
  }));
  const { added, alreadyPresent } = await addNewSignals(store, bankId, signals, actor);
  return {
    objects,
    indicators,
    added: added.length,
    alreadyPresent,
    inactive: newest.size - active.length,
    unlabelled,
    invalid,
    otherObjects,
    ...(dateAddedLast ? { dateAddedLast } : {}),
  };
}

const provenance = (s: ImportedSignal, url: string): string => {
  const source = `imported over TAXII from ${url}${s.contributor ? ` (contributor ${s.contributor})` : ''}`;
  return (s.reason ? `${s.reason} — ${source}` : source).slice(0, 4000);
};
