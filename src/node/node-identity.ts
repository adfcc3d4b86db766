import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newApiKey } from '../auth/api-key.js';
import type { Actor, Store } from '../store/store.js';

export const SYSTEM_KEY = null;

/**
 * First start: the node's own partner record, and one admin key written to
 * `<dataDir>/admin.key` (mode 600). Settings are claimed atomically, so several
 * processes starting on one fresh PostgreSQL create exactly one of each.
 */
export async function ensureIdentity(store: Store, dataDir: string, name: string): Promise<{ selfPartner: string; adminKeyFile?: string }> {
  const candidate = `node-${randomBytes(4).toString('hex')}`;
  const selfPartner = await store.initSetting('node.partner', candidate);
  const system: Actor = { partner: selfPartner, keyId: SYSTEM_KEY };
  if (selfPartner === candidate) await store.createPartner({ id: selfPartner, name, kind: 'self' }, system);

  const fresh = newApiKey();
  const adminKeyId = await store.initSetting('node.admin_key', fresh.id);
  if (adminKeyId !== fresh.id) return { selfPartner };
  await store.createApiKey({ id: fresh.id, partnerId: selfPartner, keyHash: fresh.hash, roles: ['admin'], purpose: 'first admin key, created at first start' }, system);
  mkdirSync(dataDir, { recursive: true });
  const adminKeyFile = join(dataDir, 'admin.key');
  writeFileSync(adminKeyFile, `${fresh.key}\n`, { mode: 0o600 });
  return { selfPartner, adminKeyFile };
}
