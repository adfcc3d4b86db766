import type { Role } from '../domain/roles.js';
import { ConcordError } from '../errors/concord-error.js';
import type { Actor, ApiKeyRecord, Store } from '../store/store.js';
import { newApiKey } from './api-key.js';
import { futureExpiry } from './key-expiry.js';

export interface KeyRequest {
  readonly partnerId: string;
  readonly roles: readonly Role[];
  /** What the key is for, never whose it is. */
  readonly purpose: string;
  /** ISO time from which the key is refused; absent: never. */
  readonly expiresAt?: string;
}

/**
 * Creates an API key: the one path for `POST /v1/keys` and `concord key create`. The
 * secret is returned once and never stored (only its hash is).
 *
 * @example
 *   const { key, record } = await issueApiKey(store, { partnerId, roles: ['matcher'], purpose: 'upload pipeline' }, actor, Date.now());
 */
export async function issueApiKey(store: Pick<Store, 'createApiKey'>, request: KeyRequest, actor: Actor, nowMs: number): Promise<{ key: string; record: ApiKeyRecord }> {
  let expiresAt: string | null = null;
  if (request.expiresAt !== undefined) {
    const checked = futureExpiry(Date.parse(request.expiresAt), nowMs);
    if (!checked.ok) throw new ConcordError(checked.code, checked.message);
    expiresAt = checked.value;
  }
  const fresh = newApiKey();
  const record = await store.createApiKey({ id: fresh.id, partnerId: request.partnerId, keyHash: fresh.hash, roles: request.roles, purpose: request.purpose, expiresAt }, actor);
  return { key: fresh.key, record };
}
