import { ensureIdentity, SYSTEM_KEY } from '../node/node-identity.js';
import { openStore } from '../node/open-store.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Actor } from '../store/store.js';
import type { NodeConfig } from '../config/node-config.js';
import type { NodeKey } from '../exchange/node-key.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/**
 * Opens a node's store for a command, with the node itself as the actor (no API key:
 * the audit log records the command as the node's own action). The node's identity is
 * loaded as `concord serve` loads it, so shareable changes are signed into its feed.
 */
export async function withNodeStore<T>(
  options: ServeOptions,
  fn: (store: KyselyStore, self: Actor, node: { readonly config: NodeConfig; readonly key: NodeKey }) => Promise<T>,
): Promise<T> {
  const config = nodeConfigFrom(options);
  const store = await openStore(config);
  try {
    const { selfPartner, key } = await ensureIdentity(store, config.dataDir, options.name ?? 'This node');
    return await fn(store, { partner: selfPartner, keyId: SYSTEM_KEY }, { config, key });
  } finally {
    await store.close();
  }
}
