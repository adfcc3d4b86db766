import { openStore } from '../node/open-store.js';
import type { CliIo } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/** `concord audit verify`: recomputes the whole chain and names the first broken entry. */
export async function auditVerifyCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  const store = await openStore(nodeConfigFrom(options));
  try {
    const result = await store.verifyAudit();
    if (options.json) io.out(JSON.stringify(result));
    else if (result.ok) io.out(`audit chain verified: ${result.checked} entries, all intact`);
    else io.out(`AUDIT_CHAIN_BROKEN: entry ${result.firstBroken!.seq}: ${result.firstBroken!.problem} (${result.checked} entries before it verified)`);
    return result.ok ? ExitCode.OK : ExitCode.INPUT_FAILED;
  } finally {
    await store.close();
  }
}
