import { openStore } from '../node/open-store.js';
import { auditChainBroken } from '../store/audit-chain-broken.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/**
 * `concord audit verify`: recomputes the whole chain. A broken chain is the error
 * AUDIT_CHAIN_BROKEN, naming the first broken entry, with that code's exit (5).
 */
export async function auditVerifyCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  const store = await openStore(nodeConfigFrom(options));
  try {
    const result = await store.verifyAudit();
    if (options.json) io.out(JSON.stringify(result));
    if (!result.ok) throw auditChainBroken(result);
    if (!options.json) io.out(`audit chain verified: ${result.checked} entries, all intact`);
    return ExitCode.OK;
  } finally {
    await store.close();
  }
}
