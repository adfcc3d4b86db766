import type { AuditEntry } from '../store/store.js';
import { maySee, type Viewer } from './viewer.js';
import type { ViewerReads } from './viewer-reads.js';

/**
 * The audit entries a viewer may see. The node's own keys see every entry. A partner's
 * key sees an entry when it may see its subject: a signal by the distribution rule, a
 * bank by the bank rule, its own partner record; entries about anything else (other
 * partners, keys, node settings) only when the partner itself was the actor. Entries are
 * left out rather than redacted: a redacted entry would still say that something exists.
 */
export async function auditVisibleTo(reads: ViewerReads, viewer: Viewer, entries: readonly AuditEntry[]): Promise<AuditEntry[]> {
  if (viewer.kind === 'self') return [...entries];
  const ids = (type: string) => [...new Set(entries.filter((e) => e.subjectType === type).map((e) => Number(e.subjectId)).filter(Number.isSafeInteger))];
  const signalIds = ids('signal');
  const signals = new Set((signalIds.length > 0 ? await reads.store.getSignals(signalIds) : []).filter((s) => maySee(s, viewer)).map((s) => s.id));
  const bankIds = ids('bank');
  const banks = new Set(bankIds.length > 0 ? (await reads.banks(viewer)).map((b) => b.id) : []);
  return entries.filter((e) => {
    if (e.subjectType === 'signal') return signals.has(Number(e.subjectId));
    if (e.subjectType === 'bank') return banks.has(Number(e.subjectId));
    if (e.subjectType === 'partner' && e.subjectId === viewer.partnerId) return true;
    return e.actorPartner === viewer.partnerId;
  });
}
