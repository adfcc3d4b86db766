import { ConcordError } from '../errors/concord-error.js';
import { decodePublicKey, nodeIdFor } from '../exchange/node-key.js';
import { checkOutboundUrl } from '../exchange/outbound/outbound-url.js';
import { rotateNodeKey } from '../node/key-rotation.js';
import type { CliIo } from './cli-io.js';
import { withNodeStore } from './cli-store.js';
import { ExitCode } from './exit-codes.js';
import type { ServeOptions } from './serve-command.js';
import { formatTable } from './table.js';
import { readSyncStatus } from '../exchange/sync/sync-status.js';

/** `concord identity`: what a partner needs to register this node. Creates the key on a node never started. */
export async function identityCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, self, { config, key }) => {
    const id = self.partner;
    const publicKey = key.publicKey;
    const url = config.publicUrl ?? (await store.getSetting('node.url')) ?? `http://${config.host}:${config.port}`;
    if (options.json) io.out(JSON.stringify({ id, publicKey, url }));
    else io.out(`id          ${id}\npublic key  ${publicKey}\nurl         ${url}\n\nOn a partner node: concord partner add --name "…" --url ${url} --public-key ${publicKey}`);
    return ExitCode.OK;
  });
}

export interface PartnerAddOptions extends ServeOptions {
  readonly url: string;
  readonly publicKey: string;
  readonly groups?: string;
  readonly id?: string;
  readonly partnerName: string;
  readonly json?: boolean;
}

/** `concord partner add`: registers a partner node; a running node starts pulling its feed within seconds. */
export async function partnerAddCommand(io: CliIo, options: PartnerAddOptions): Promise<ExitCode> {
  decodePublicKey(options.publicKey);
  checkOutboundUrl(options.url, '--url');
  const groups = (options.groups ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  for (const g of groups) if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(g)) throw new ConcordError('USAGE_INVALID', `sharing group "${g}": use lowercase letters, digits, - and _`);
  return withNodeStore(options, async (store, self) => {
    const record = await store.createPartner(
      { id: options.id ?? nodeIdFor(options.publicKey), name: options.partnerName, kind: 'partner', url: options.url, publicKey: options.publicKey, sharingGroups: groups },
      self,
    );
    if (options.json) io.out(JSON.stringify(record));
    else io.out(`partner ${record.id} (${record.name}) registered at ${record.url}${groups.length ? `, groups: ${groups.join(', ')}` : ''}`);
    return ExitCode.OK;
  });
}

/**
 * `concord sync status`: which process leads, each partner node's position, lag, last
 * success and last error, and what is wrong. `--json`: a first line with the leader and the
 * problems, then one line per partner.
 */
export async function syncStatusCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, _self, { config }) => {
    const { leader, partners: rows, problems } = await readSyncStatus(store, Date.now(), config.syncStallMs);
    if (options.json) {
      io.out(JSON.stringify({ leader, problems }));
      for (const r of rows) io.out(JSON.stringify(r));
      return ExitCode.OK;
    }
    io.out(leader ? `sync leader: pid ${leader.pid} (${leader.holder}), ${leader.live ? `lease live until ${leader.expiresAt}` : `lease EXPIRED at ${leader.expiresAt}`}` : 'sync leader: none yet');
    if (rows.length === 0) io.out('no partner nodes registered: concord partner add --name … --url … --public-key …');
    else io.out(formatTable(['partner', 'name', 'position', 'lag', 'last success', 'last error'], rows.map((r) => [r.partner, r.name, `${r.lastSeq}/${r.remoteHead}`, r.stalled ? `${r.lag} (stale)` : String(r.lag), r.lastSuccessAt ?? 'never', r.lastError ? `${r.lastErrorAt} ${r.lastError}` : '-'])));
    for (const p of problems) io.out(`problem: ${p}`);
    return ExitCode.OK;
  });
}

/**
 * `concord identity rotate`: a new node key, announced in the feed under the old key's
 * signature, so partners that pull this feed switch keys by themselves. Stop the node first.
 */
export async function identityRotateCommand(io: CliIo, options: ServeOptions & { json?: boolean }): Promise<ExitCode> {
  return withNodeStore(options, async (store, self, { config, key }) => {
    const id = self.partner;
    const keys = await rotateNodeKey(store, config.dataDir, key);
    if (options.json) io.out(JSON.stringify({ id, ...keys }));
    else io.out(`node ${id}: key ${keys.previous} replaced by ${keys.publicKey}; partners pulling this feed switch on their next pull (partners that only serve you: PATCH /v1/partners/${id} there)`);
    return ExitCode.OK;
  });
}
