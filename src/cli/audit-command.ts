import { ConcordError } from '../errors/concord-error.js';
import { verifyAuditChain } from '../exchange/audit-verify.js';
import { NodeKey } from '../exchange/node-key.js';
import { openStore } from '../node/open-store.js';
import { auditChainBroken } from '../store/audit-chain-broken.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/**
 * `concord audit verify [--with-partners]`: recomputes the whole chain, checks it against
 * the node's signed checkpoints (and, with --with-partners, the copies its partners keep),
 * and names the first broken entry. A broken chain is the coded error AUDIT_CHAIN_BROKEN,
 * with that code's exit (5).
 */
export async function auditVerifyCommand(io: CliIo, options: ServeOptions & { json?: boolean; withPartners?: boolean }): Promise<ExitCode> {
  const config = nodeConfigFrom(options);
  const store = await openStore(config);
  try {
    const selfId = await store.getSetting('node.partner');
    if (!selfId) throw new ConcordError('NOT_FOUND', 'this database has no node identity yet: start the node once');
    let withPartners: { key: NodeKey } | undefined;
    if (options.withPartners) {
      const key = NodeKey.load(config.dataDir, { create: false });
      if (!key) throw new ConcordError('NODE_KEY_MISSING', `--with-partners signs its requests with the node key, and there is none in ${config.dataDir}`);
      withPartners = { key };
    }
    const result = await verifyAuditChain(store, { selfId, withPartners });
    if (options.json) io.out(JSON.stringify(result));
    else if (result.ok) {
      const partners = result.checkpoints.partners.map((p) => (p.error ? `${p.partner}: not asked (${p.error})` : `${p.partner}: ${p.checked}`));
      io.out(`audit chain verified: ${result.checked} entries, all intact; ${result.checkpoints.local} own checkpoints${options.withPartners ? `; partners' checkpoints: ${partners.join(', ') || 'no partners'}` : ''}`);
    }
    if (!result.ok) throw auditChainBroken(result);
    return ExitCode.OK;
  } finally {
    await store.close();
  }
}
