import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newApiKey } from '../auth/api-key.js';
import { parseNodeConfig } from '../config/node-config.js';
import type { Role } from '../domain/roles.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';

export interface TestNode {
  readonly node: ConcordNode;
  readonly adminKey: string;
  keyFor(...roles: Role[]): Promise<string>;
  /** `inject` with a bearer key and JSON body. */
  call(method: string, url: string, key: string | null, body?: unknown): Promise<{ status: number; json: any }>;
  /** Confirms signals with as many distinct reviewer keys as each needs (four eyes), so they may leave the node. */
  confirm(...signalIds: number[]): Promise<void>;
}

/** A real node on a fresh SQLite file, driven in-process through Fastify's inject(). */
export async function startTestNode(overrides: Record<string, unknown> = {}): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-api-'));
  const node = await createNode(parseNodeConfig({ dataDir, logLevel: 'silent', ...overrides }), { logger: false });
  const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const reviewers: string[] = [];
  const t: TestNode = {
    node,
    adminKey,
    async confirm(...signalIds) {
      for (const id of signalIds) {
        for (let i = 0; ; i++) {
          reviewers[i] ??= await t.keyFor('reviewer');
          const res = await t.call('POST', `/v1/signals/${id}/opinions`, reviewers[i]!, { opinion: 'confirmed', reason: 'reviewed' });
          if (res.status !== 201 && res.status !== 200) throw new Error(`confirming signal ${id}: ${res.status} ${JSON.stringify(res.json)}`);
          if (res.json.signal.confirmedAt !== null) break;
        }
      }
    },
    async keyFor(...roles) {
      const fresh = newApiKey();
      await node.store.createApiKey({ id: fresh.id, partnerId: node.selfPartner, keyHash: fresh.hash, roles, purpose: `test ${roles.join('+')}` }, { partner: node.selfPartner, keyId: null });
      return fresh.key;
    },
    async call(method, url, key, body) {
      const res = await node.app.inject({
        method: method as 'GET',
        url,
        headers: key ? { authorization: `Bearer ${key}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      let json: unknown;
      try {
        json = res.json();
      } catch {
        json = res.body;
      }
      return { status: res.statusCode, json };
    },
  };
  return t;
}

/** A multipart body with one file part and text fields, for inject(). */
export function multipart(file: Buffer, filename: string, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----concord${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
