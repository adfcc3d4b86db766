import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode, type NodePorts } from '../node/concord-node.js';
import type { ManualClock } from '../util/clock.js';

/**
 * A real node on a fresh SQLite file (or the `db` of `overrides`) with the test's hand-moved
 * clock, driven through inject(), and listening on 127.0.0.1 when asked. The one test node
 * that coordination and monitor tests build on.
 *
 * @example
 *   const a = await startClockedNode('Node A', fixedClock('2026-03-01T00:00:00Z'), {}, { listen: true });
 *   const res = await a.call('GET', '/v1/alerts', a.admin);
 */
export interface ClockedNode {
  readonly node: ConcordNode;
  readonly admin: string;
  /** The node's own partner id (as partners register it). */
  readonly id: string;
  readonly dataDir: string;
  url?: string;
  call(method: string, url: string, key: string | null, body?: unknown): Promise<{ status: number; json: any }>;
  /** An API key for a partner organisation (or this node when partnerId is omitted). */
  key(roles: string[], partnerId?: string): Promise<string>;
}

/** What a test may hand the node beyond its configuration: listening, and ports other than the clock. */
export interface ClockedNodeOptions {
  readonly listen?: boolean;
  readonly ports?: Omit<NodePorts, 'clock'>;
}

export async function startClockedNode(name: string, clock: ManualClock, overrides: Record<string, unknown> = {}, options: boolean | ClockedNodeOptions = {}): Promise<ClockedNode> {
  const o: ClockedNodeOptions = typeof options === 'boolean' ? { listen: options } : options;
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-clocked-'));
  const config = parseNodeConfig({ dataDir, logLevel: 'silent', port: 0, syncWaitMs: 1000, syncMaxBackoffMs: 300, confirmationsRequired: { local: 1, group: 1, partners: 1, network: 1 }, ...overrides });
  const node = await createNode(config, { logger: false, ...o.ports, clock, name });
  const admin = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const t: ClockedNode = {
    node,
    admin,
    id: node.selfPartner,
    dataDir,
    async call(method, url, key, body) {
      const res = await node.app.inject({ method: method as 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
      let json: unknown;
      try {
        json = res.json();
      } catch {
        json = res.body;
      }
      return { status: res.statusCode, json };
    },
    async key(roles, partnerId) {
      const res = await t.call('POST', '/v1/keys', admin, { roles, purpose: `test ${roles.join('+')}`, ...(partnerId ? { partnerId } : {}) });
      if (res.status !== 201) throw new Error(`key: ${JSON.stringify(res.json)}`);
      return res.json.key as string;
    },
  };
  if (o.listen) t.url = await node.listen();
  return t;
}

/** `a` and `b` (both listening) register each other as partners. */
export async function pairClocked(a: ClockedNode, b: ClockedNode): Promise<void> {
  for (const [from, to] of [[a, b], [b, a]] as const) {
    const identity = (await to.call('GET', '/v1/identity', null)).json as { organisation: string; publicKey: string };
    const res = await from.call('POST', '/v1/partners', from.admin, { name: identity.organisation, url: to.url, publicKey: identity.publicKey });
    if (res.status !== 201) throw new Error(`register ${to.id} at ${from.id}: ${JSON.stringify(res.json)}`);
  }
}

/** Adds one signal to a fresh bank of the node and confirms it with a reviewer key (one confirmation in these tests). */
export async function addConfirmedSignal(t: ClockedNode, signal: { type: string; value: string; distribution?: string; label?: string }, bankName = `bank-${Math.random().toString(16).slice(2, 8)}`): Promise<{ id: number; uid: string; bankId: number }> {
  const bank = await t.call('POST', '/v1/banks', t.admin, { name: bankName, description: 'test bank' });
  if (bank.status !== 201) throw new Error(`bank: ${JSON.stringify(bank.json)}`);
  const res = await t.call('POST', `/v1/banks/${bank.json.id}/signals`, t.admin, { signals: [{ type: signal.type, value: signal.value, label: signal.label ?? 'perpetrator_content', reason: 'test content', distribution: signal.distribution ?? 'partners' }] });
  if (res.status !== 201) throw new Error(`signal: ${JSON.stringify(res.json)}`);
  const s = res.json.signals[0];
  const reviewer = await t.key(['reviewer']);
  const ok = await t.call('POST', '/v1/signals/confirm', reviewer, { ids: [s.id] });
  if (ok.status !== 200) throw new Error(`confirm: ${JSON.stringify(ok.json)}`);
  await t.node.index.refresh();
  return { id: s.id, uid: s.uid, bankId: bank.json.id };
}
