import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are random 256-bit secrets, shown once and stored only as SHA-256. A salt
 * adds nothing for secrets of this entropy, and a plain hash allows an indexed lookup.
 * Format: `ck_<id>_<secret>`, so a leaked key names its id for revocation.
 */
export function newApiKey(): { id: string; key: string; hash: string } {
  const id = `k${randomBytes(6).toString('hex')}`;
  const key = `ck_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');
