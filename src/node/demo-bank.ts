import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexService } from '../match/index-service.js';
import { parseSignalList } from '../signals/signal-list.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { Actor, BankPort, SignalPort } from '../store/store.js';

const DEMO_BANK = 'demo';

/** Loads samples/known-signals.csv into a bank named "demo", once; an index, when given, sees it at once. */
export async function loadDemoBank(store: BankPort & Pick<SignalPort, 'addSignals'>, registry: SignalRegistry, index: IndexService | undefined, root: string, actor: Actor): Promise<number> {
  if ((await store.listBanks()).some((b) => b.name === DEMO_BANK)) return 0;
  const list = parseSignalList(registry, readFileSync(join(root, 'samples', 'known-signals.csv'), 'utf8'));
  const bank = await store.createBank({ name: DEMO_BANK, description: 'Sample signals from samples/known-signals.csv (a harmless photo stands in for known content)' }, actor);
  const records = await store.addSignals(
    bank.id,
    list.entries.map((e) => ({ type: e.type, value: e.value, label: e.label ?? 'perpetrator_content', reason: 'demo data: stands in for known content', distribution: 'local' as const })),
    // Local demo data: it matches here and, unconfirmed and local, never leaves the node.
    actor,
  );
  index?.apply(records);
  return records.length;
}
