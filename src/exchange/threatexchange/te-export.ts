import type { SignalRecord } from '../../domain/signal-record.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { maySee, signalFilterFor, type Viewer } from '../../access/viewer.js';
import { writeTeCsv } from './te-csv.js';
import { writeTeJson } from './te-json.js';
import type { HashListEntry, HashListFormat } from './te-list.js';

/**
 * A bank as a ThreatExchange-style list, holding only what may leave towards `viewer`
 * (never a local signal). A signal that should not match (retracted, disputed, expired)
 * is listed with `deleted: true`, so a consumer that imported it earlier drops it.
 *
 * @example
 *   await exportHashList(store, 2, { kind: 'partner-key', partnerId: 'p-eu', sharingGroups: [] }, 'te-csv');   // 'signal_type,signal_str,tags,deleted\n…'
 */
export async function exportHashList(store: Pick<KyselyStore, 'signalsByChange'>, bankId: number, viewer: Viewer, format: HashListFormat): Promise<string> {
  const entries: HashListEntry[] = [];
  for await (const s of visibleSignals(store, bankId, viewer)) {
    entries.push({ signal_type: s.type, signal_str: s.value, tags: [s.label], deleted: s.status !== 'active' });
  }
  return format === 'te-csv' ? writeTeCsv(entries) : writeTeJson(entries);
}

/** Every signal of a bank that may leave towards `viewer`, in change order. */
export async function* visibleSignals(store: Pick<KyselyStore, 'signalsByChange'>, bankId: number, viewer: Viewer): AsyncGenerator<SignalRecord> {
  const filter = signalFilterFor(viewer, 'export')!;
  let from: { updatedAt: string; id: number } | undefined;
  for (;;) {
    const rows = await store.signalsByChange({ bankId, filter, from, limit: 1000 });
    for (const s of rows) if (maySee(s, viewer, 'export')) yield s;
    if (rows.length < 1000) return;
    const last = rows[rows.length - 1]!;
    from = { updatedAt: last.updatedAt, id: last.id + 1 };
  }
}
