import { issueApiKey } from '../auth/issue-api-key.js';
import { parseKeyExpiry } from '../auth/key-expiry.js';
import { ROLES, type Role } from '../domain/roles.js';
import { ConcordError } from '../errors/concord-error.js';
import { isStorableText } from '../util/storable-text.js';
import type { ApiKeyRecord } from '../store/store.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';

/*
 * `concord key create|list|revoke` work on the node's store directly (data folder or
 * --db), so an admin who lost admin.key can still issue and revoke keys. Running node
 * processes refuse a key revoked here within a second (src/api/api-key-cache.ts).
 */

export interface KeyCreateOptions extends ServeOptions {
  readonly roles: string;
  readonly purpose?: string;
  readonly partner?: string;
  readonly expires?: string;
  readonly json?: boolean;
}

/** `concord key create`: prints the secret once; only its hash is stored. */
export async function keyCreateCommand(io: CliIo, options: KeyCreateOptions, clock: () => number = Date.now): Promise<ExitCode> {
  const roles = parseRoles(options.roles);
  const purpose = (options.purpose ?? '').trim();
  if (purpose.length > 200 || !isStorableText(purpose)) throw new ConcordError('USAGE_INVALID', '--purpose: at most 200 characters of valid text');
  let expiresAt: string | undefined;
  if (options.expires !== undefined) {
    const parsed = parseKeyExpiry(options.expires, clock());
    if (!parsed.ok) throw new ConcordError('USAGE_INVALID', `--expires: ${parsed.message}`);
    expiresAt = parsed.value;
  }
  return withNodeStore(options, async (store, self) => {
    const { key, record } = await issueApiKey(store, { partnerId: options.partner ?? self.partner, roles, purpose, expiresAt }, self, clock());
    if (options.json) io.out(JSON.stringify({ key, record }));
    else io.out(`${key}\n\nAPI key ${record.id} for ${record.partnerId}, roles ${record.roles.join(', ')}${record.expiresAt ? `, expires ${record.expiresAt}` : ''}.\nThe secret above is shown only this once: store it now.`);
    return ExitCode.OK;
  });
}

/** `concord key list`: every key with its roles, purpose and state; never a secret. */
export async function keyListCommand(io: CliIo, options: ServeOptions & { json?: boolean }, clock: () => number = Date.now): Promise<ExitCode> {
  return withNodeStore(options, async (store) => {
    const keys = await store.listApiKeys();
    if (options.json) {
      for (const k of keys) io.out(JSON.stringify(k));
    } else {
      io.out(formatTable(['id', 'partner', 'roles', 'state', 'expires', 'purpose'], keys.map((k) => [k.id, k.partnerId, k.roles.join(','), stateOf(k, clock()), k.expiresAt ?? 'never', k.purpose])));
    }
    return ExitCode.OK;
  });
}

/** `concord key revoke <id>`: the key is refused from now on, here and (within a second) by running nodes. */
export async function keyRevokeCommand(io: CliIo, id: string, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, self) => {
    const record = await store.revokeApiKey(id, self);
    if (options.json) io.out(JSON.stringify(record));
    else io.out(`API key ${record.id} revoked at ${record.revokedAt}`);
    return ExitCode.OK;
  });
}

function parseRoles(raw: string): Role[] {
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0) throw new ConcordError('USAGE_INVALID', `--roles: give one or more of ${ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  return [...new Set(roles)] as Role[];
}

function stateOf(k: ApiKeyRecord, nowMs: number): string {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && Date.parse(k.expiresAt) <= nowMs) return 'expired';
  return 'active';
}
