import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNodeConfig } from '../config/node-config.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import type { ManualClock } from '../util/clock.js';

/**
 * A real node serving HTTP on 127.0.0.1, built in this process so that a test can hand it
 * a clock it moves by hand (legal deadlines of hours and days, tested without sleeping).
 * Partners reach each other over real HTTP and sync as separate processes would.
 */
export interface ClockedNode {
  readonly name: string;
  readonly node: ConcordNode;
  readonly url: string;
  readonly id: string;
  readonly publicKey: string;
  readonly key: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
}

export async function startClockedNode(name: string, clock: ManualClock, extra: Record<string, unknown> = {}): Promise<ClockedNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `concord-${name.toLowerCase().replace(/\W+/g, '-')}-`));
  const config = parseNodeConfig({ dataDir, port: 0, logLevel: 'silent', syncWaitMs: 2000, syncMaxBackoffMs: 300, auditCheckpointIntervalMs: 0, ...extra });
  const node = await createNode(config, { logger: false, clock, name });
  const url = await node.listen();
  const key = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  };
  const identity = (await call('GET', '/v1/identity')).json as { id: string; publicKey: string };
  return { name, node, url, id: identity.id, publicKey: identity.publicKey, key, call };
}

/** `a` and `b` register each other as partners. */
export async function pair(a: ClockedNode, b: ClockedNode): Promise<void> {
  for (const [from, to] of [[a, b], [b, a]] as const) {
    const res = await from.call('POST', '/v1/partners', { name: to.name, url: to.url, publicKey: to.publicKey });
    if (res.status !== 201) throw new Error(`register ${to.name} at ${from.name}: ${JSON.stringify(res.json)}`);
  }
}
