import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeProcess } from './node-process.js';

/** A real node process with what federation tests need to drive it. */
export interface FedNode {
  readonly name: string;
  readonly proc: NodeProcess;
  readonly key: string;
  readonly id: string;
  readonly publicKey: string;
  readonly bankId: number;
}

/** Node settings that make faults show quickly in tests: short backoff, short long-polls. */
export function fastSyncConfig(extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cfg-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ syncMaxBackoffMs: 400, syncWaitMs: 5000, ...extra }));
  return file;
}

/** Starts a node (SQLite unless `db` is given) with one bank of its own. */
export async function startFedNode(name: string, options: { db?: string; config?: string } = {}): Promise<FedNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `concord-${name.toLowerCase().replace(/\W+/g, '-')}-`));
  const args = ['--name', name, '--config', options.config ?? fastSyncConfig(), ...(options.db ? ['--db', options.db] : [])];
  const proc = await NodeProcess.start(dataDir, args);
  const key = proc.adminKey();
  const identity = (await proc.call('GET', '/v1/identity', null)).json;
  const bank = await proc.call('POST', '/v1/banks', key, { name: `${name} bank`, description: 'contributed here' });
  if (bank.status !== 201) throw new Error(`bank on ${name}: ${JSON.stringify(bank.json)}`);
  return { name, proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.json.id };
}

/** `from` registers `to` as a partner (through the API), optionally in sharing groups. */
export async function register(from: FedNode, to: FedNode, sharingGroups: string[] = []): Promise<void> {
  const res = await from.proc.call('POST', '/v1/partners', from.key, { name: to.name, url: to.proc.url, publicKey: to.publicKey, sharingGroups });
  if (res.status !== 201) throw new Error(`register ${to.name} at ${from.name}: ${JSON.stringify(res.json)}`);
}

export const randomPdq = (): string => randomBytes(32).toString('hex');

export async function addSignal(node: FedNode, value: string, distribution = 'partners', label = 'perpetrator_content'): Promise<{ id: number; uid: string }> {
  const res = await node.proc.call('POST', `/v1/banks/${node.bankId}/signals`, node.key, { signals: [{ type: 'pdq', value, label, reason: 'the attacker’s livestream, re-uploaded', distribution }] });
  if (res.status !== 201) throw new Error(`add at ${node.name}: ${JSON.stringify(res.json)}`);
  return res.json.signals[0];
}

/** The matches a node returns for an exact PDQ value, disputed and retracted ones included. */
export async function lookup(node: FedNode, value: string, include: string[] = ['disputed', 'retracted']): Promise<{ signalId: number; status: string; contributor: string; label: string }[]> {
  const res = await node.proc.call('POST', '/v1/match', node.key, { signals: [{ type: 'pdq', value }], include });
  if (res.status !== 200) throw new Error(`match at ${node.name}: ${JSON.stringify(res.json)}`);
  return res.json.results[0].matches.filter((m: { distance: number }) => m.distance === 0);
}

/** Polls until `check` holds, or fails with `what` after `ms`. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function partnerSync(node: FedNode, partnerId: string): Promise<{ lastSeq: number; remoteHead: number; applied: number; lastError: string | null } | null> {
  const res = await node.proc.call('GET', '/v1/partners', node.key);
  return res.json.partners.find((p: { id: string }) => p.id === partnerId)?.sync ?? null;
}
