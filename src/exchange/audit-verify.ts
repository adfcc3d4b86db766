import { ConcordError } from '../errors/concord-error.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { AuditVerification } from '../store/store.js';
import { checkpointIsGenuine, type AuditCheckpoint } from './audit-checkpoint.js';
import { fetchCheckpoints } from './audit-checkpoint-fetch.js';
import type { NodeKey } from './node-key.js';

/** The audit chain checked end to end and against the signed checkpoints it was published at. */
export interface AuditReport extends AuditVerification {
  readonly checkpoints: {
    /** This node's own checkpoints checked. */
    readonly local: number;
    /** Per partner asked: checkpoints it holds of this node that are genuine (signed by this node), or why it could not be asked. */
    readonly partners: readonly { readonly partner: string; readonly checked: number; readonly error?: string }[];
  };
}

/**
 * Verifies the audit chain: every hash and link (store-audit.ts), then the chain against
 * the node's own checkpoints, then, with `withPartners`, against the copies its partners
 * keep. A chain cut short or rewritten with recomputed hashes verifies on its own, but no
 * longer matches a checkpoint signed before: its length or the hash at that length differ.
 * Partners' copies count only if this node's key signed them.
 *
 *   const report = await verifyAuditChain(store, { selfId, withPartners: { key } });
 */
export async function verifyAuditChain(store: KyselyStore, o: { selfId: string; withPartners?: { key: NodeKey } }): Promise<AuditReport> {
  const chain = await store.verifyAudit();
  const partners: { partner: string; checked: number; error?: string }[] = [];
  const local = await store.listAuditCheckpoints(o.selfId, 100);
  if (!chain.ok) return { ...chain, checkpoints: { local: 0, partners } };
  const broken = (cp: AuditCheckpoint, problem: string, where: string): AuditReport => ({
    ok: false,
    checked: chain.checked,
    firstBroken: { seq: Math.min(cp.length, chain.checked + 1), problem: `${problem}; checkpoint ${where}, signed ${cp.at}` },
    checkpoints: { local: local.length, partners },
  });
  const own = await store.checkAuditAgainst(local);
  if (own) return broken(own.checkpoint, own.problem, 'kept by this node');
  if (o.withPartners) {
    const keys = [o.withPartners.key.publicKey, ...(await store.previousFeedKeys())];
    for (const partner of (await store.listPartners()).filter((p) => p.kind === 'partner' && p.url && p.publicKey)) {
      let copies: AuditCheckpoint[];
      try {
        copies = (await fetchCheckpoints(partner, { key: o.withPartners.key, selfId: o.selfId, node: o.selfId })).filter((c) => checkpointIsGenuine(c, keys));
      } catch (err) {
        partners.push({ partner: partner.id, checked: 0, error: err instanceof ConcordError ? `${err.code}: ${err.message}` : String(err) });
        continue;
      }
      partners.push({ partner: partner.id, checked: copies.length });
      const theirs = await store.checkAuditAgainst(copies);
      if (theirs) return broken(theirs.checkpoint, theirs.problem, `held by partner ${partner.id}`);
    }
  }
  return { ...chain, checkpoints: { local: local.length, partners } };
}
