import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newApiKey } from '../auth/api-key.js';
import { ConcordError } from '../errors/concord-error.js';
import { NODE_KEY_FILE, NodeKey, nodeIdFor } from '../exchange/node-key.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { finishRotation } from './key-rotation.js';
import type { Actor } from '../store/store.js';

export const SYSTEM_KEY = null;

export interface NodeIdentity {
  readonly selfPartner: string;
  readonly key: NodeKey;
  /** Set on the first start only: where the admin key was written. */
  readonly adminKeyFile?: string;
}

/**
 * First start: the node's Ed25519 key (`<dataDir>/node.key`, mode 600), its own partner
 * record with an id derived from that key, and one admin key written to
 * `<dataDir>/admin.key` (mode 600). Settings are claimed atomically, so several processes
 * starting on one fresh PostgreSQL create exactly one of each; each process then needs the
 * same node key, since every one of them signs feed events. The store gets the key, so
 * shareable changes are signed and published from here on.
 */
export async function ensureIdentity(store: KyselyStore, dataDir: string, name: string): Promise<NodeIdentity> {
  mkdirSync(dataDir, { recursive: true });
  let key = NodeKey.load(dataDir, { create: false });
  const registered = await store.getSetting('node.public_key');
  if (!key) {
    if (registered) {
      throw new ConcordError('NODE_KEY_MISSING', `this database belongs to a node whose key is not in ${join(dataDir, NODE_KEY_FILE)}: start with that node's data folder, or copy its node.key there`);
    }
    key = NodeKey.load(dataDir, { create: true })!;
  }
  const publicKey = await store.initSetting('node.public_key', key.publicKey);
  if (publicKey !== key.publicKey) key = finishRotation(dataDir, publicKey) ?? key;
  if (publicKey !== key.publicKey) {
    throw new ConcordError('NODE_KEY_MISMATCH', `${join(dataDir, NODE_KEY_FILE)} holds key ${key.publicKey}, but this database belongs to the node with key ${publicKey}`);
  }
  // The id comes from the node's first key; a rotated node keeps it (the setting holds it).
  const candidate = nodeIdFor(key.publicKey);
  const selfPartner = await store.initSetting('node.partner', candidate);
  const system: Actor = { partner: selfPartner, keyId: SYSTEM_KEY };
  if (!(await store.getPartner(selfPartner))) {
    // Two processes of one node starting together may both get here; one record results.
    await store.createPartner({ id: selfPartner, name, kind: 'self', publicKey: key.publicKey }, system).catch(async (err) => {
      if (!(await store.getPartner(selfPartner))) throw err;
    });
  }
  const signingKey = key;
  store.attachFeedSigner({ nodeId: selfPartner, sign: (data) => signingKey.sign(data) });

  const fresh = newApiKey();
  const adminKeyId = await store.initSetting('node.admin_key', fresh.id);
  if (adminKeyId !== fresh.id) return { selfPartner, key };
  await store.createApiKey({ id: fresh.id, partnerId: selfPartner, keyHash: fresh.hash, roles: ['admin'], purpose: 'first admin key, created at first start' }, system);
  const adminKeyFile = join(dataDir, 'admin.key');
  writeFileSync(adminKeyFile, `${fresh.key}\n`, { mode: 0o600 });
  return { selfPartner, key, adminKeyFile };
}

/** The URL partners reach this node at, as the node last announced it. */
export async function nodeUrl(store: KyselyStore): Promise<string | null> {
  return (await store.getSetting('node.url')) ?? null;
}
