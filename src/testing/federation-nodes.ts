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
  /** Two reviewer keys, so the node's signals can be confirmed by keys other than the adding (admin) one. */
  readonly reviewerKeys: readonly string[];
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
  return { name, proc, key, id: identity.id, publicKey: identity.publicKey, bankId: bank.json.id, reviewerKeys: await createReviewerKeys(proc, key, name) };
}

/** Two reviewer keys, so a signal the admin key added can be confirmed by others (four eyes; `network` needs two). */
export async function createReviewerKeys(proc: NodeProcess, adminKey: string, name: string): Promise<string[]> {
  const reviewerKeys: string[] = [];
  for (const purpose of ['review desk', 'second review desk']) {
    const res = await proc.call('POST', '/v1/keys', adminKey, { roles: ['reviewer'], purpose });
    if (res.status !== 201) throw new Error(`reviewer key on ${name}: ${JSON.stringify(res.json)}`);
    reviewerKeys.push(res.json.key);
  }
  return reviewerKeys;
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
  await confirmSignals(node, [res.json.signals[0].id]);
  return res.json.signals[0];
}

/** Four eyes: the node's reviewer keys confirm signals (the admin key added them) until each is confirmed, so they are shared. */
export async function confirmSignals(node: FedNode, ids: readonly number[]): Promise<void> {
  let pending = [...ids];
  for (const reviewer of node.reviewerKeys) {
    if (pending.length === 0) return;
    const res = await node.proc.call('POST', '/v1/signals/confirm', reviewer, { ids: pending });
    if (res.status !== 200) throw new Error(`confirm at ${node.name}: ${JSON.stringify(res.json)}`);
    pending = res.json.signals.filter((s: { confirmedAt: string | null }) => s.confirmedAt === null).map((s: { id: number }) => s.id);
  }
  if (pending.length > 0) throw new Error(`signals ${pending.join(', ')} at ${node.name} need more confirmations than there are reviewer keys`);
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
