import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEXT_KEY_FILE, NODE_KEY_FILE, NodeKey } from '../exchange/node-key.js';
import type { KyselyStore } from '../store/kysely-store.js';

/**
 * Rotates the node key. The order makes a crash at any point recoverable: the new key is
 * written to node.key.next first, then the database commits the signed hand-over, then
 * the file is renamed over node.key. On start, a node.key.next that the database already
 * names is finished off by `finishRotation`.
 *
 * Run it with the node stopped: a running process would go on signing with the old key.
 */
export async function rotateNodeKey(store: KyselyStore, dataDir: string, current: NodeKey): Promise<{ previous: string; publicKey: string }> {
  const next = NodeKey.generate();
  const nextFile = join(dataDir, NEXT_KEY_FILE);
  writeFileSync(nextFile, next.toPem(), { mode: 0o600 });
  const keys = { previous: current.publicKey, publicKey: next.publicKey };
  const nodeId = store.nodeId!;
  await store.rotateFeedKey({ nodeId, sign: (data) => next.sign(data) }, keys);
  renameSync(nextFile, join(dataDir, NODE_KEY_FILE));
  return keys;
}

/** Completes a rotation interrupted after its commit; returns the key now in force, if it did. */
export function finishRotation(dataDir: string, registeredPublicKey: string): NodeKey | undefined {
  const nextFile = join(dataDir, NEXT_KEY_FILE);
  if (!existsSync(nextFile)) return undefined;
  const next = NodeKey.fromPem(readFileSync(nextFile, 'utf8'));
  if (next.publicKey !== registeredPublicKey) return undefined;
  renameSync(nextFile, join(dataDir, NODE_KEY_FILE));
  return next;
}
