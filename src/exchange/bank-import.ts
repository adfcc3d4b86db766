import type { SignalRecord } from '../domain/signal-record.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { existingSignalKeys } from '../store/store-exchange.js';
import type { Actor, BankPort, NewSignal } from '../store/store.js';

/** How many signals go into one all-or-nothing batch. */
export const IMPORT_BATCH = 1000;

export interface AddNewResult {
  readonly added: SignalRecord[];
  /** Already in the bank, or repeated within the input: not added again. */
  readonly alreadyPresent: number;
}

/**
 * Adds signals a list or a TAXII collection brought, skipping those the bank holds
 * already (a re-import adds nothing) and repeats within the input (the first wins).
 * Each batch of IMPORT_BATCH is one store transaction: all of it or none of it.
 */
export async function addNewSignals(store: KyselyStore, bankId: number, signals: readonly NewSignal[], actor: Actor): Promise<AddNewResult> {
  const seen = new Set<string>();
  const fresh: NewSignal[] = [];
  for (const s of signals) {
    const key = `${s.type}\u0000${s.value}`;
    if (!seen.has(key)) (seen.add(key), fresh.push(s));
  }
  const added: SignalRecord[] = [];
  for (let i = 0; i < fresh.length; i += IMPORT_BATCH) {
    const batch = fresh.slice(i, i + IMPORT_BATCH);
    const present = await store.existingSignalKeys(bankId, batch);
    const todo = batch.filter((s) => !present.has(`${s.type}\u0000${s.value}`));
    if (todo.length > 0) added.push(...(await store.addSignals(bankId, todo, actor)));
  }
  return { added, alreadyPresent: signals.length - added.length };
}

/** The bank with this name, created (by `actor`) when there is none yet. */
export async function bankNamed(store: Pick<BankPort, 'listBanks' | 'createBank'>, name: string, actor: Actor, description: string): Promise<{ id: number; created: boolean }> {
  const found = (await store.listBanks()).find((b) => b.name === name);
  if (found) return { id: found.id, created: false };
  return { id: (await store.createBank({ name, description }, actor)).id, created: true };
}
