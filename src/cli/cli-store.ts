import { ConcordError } from '../errors/concord-error.js';
import { openStore } from '../node/open-store.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { Actor } from '../store/store.js';
import { nodeConfigFrom, type ServeOptions } from './serve-command.js';

/**
 * Opens a node's store for a command, with the node itself as the actor (no API key:
 * the audit log records the command as the node's own action). Closes it afterwards.
 */
export async function withNodeStore<T>(options: ServeOptions, fn: (store: KyselyStore, self: Actor) => Promise<T>): Promise<T> {
  const store = await openStore(nodeConfigFrom(options));
  try {
    const partner = await store.getSetting('node.partner');
    if (!partner) throw new ConcordError('USAGE_INVALID', 'this data folder holds no node yet: start it once with `concord serve`');
    return await fn(store, { partner, keyId: null });
  } finally {
    await store.close();
  }
}
