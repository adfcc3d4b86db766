import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertInput, AlertSink } from '../coordination/alert-sink.js';
import { readEnv } from '../config/env.js';
import { parseNodeConfig } from '../config/node-config.js';
import { defaultMediaPorts } from '../media/media-ports.js';
import { createNode, type ConcordNode } from '../node/concord-node.js';
import { ContentSource } from '../signals/content-source.js';
import { defaultRegistry } from '../signals/default-registry.js';
import { hashContent } from '../signals/hash-content.js';
import { LoopbackServer } from '../testing/loopback-server.js';
import { fixedClock, type Clock, type ManualClock } from '../util/clock.js';

/**
 * The alerts module's store-backed sink is built on another branch; until it is merged,
 * tests record what the monitor raises through the AlertSink interface.
 */
export class RecordingAlertSink implements AlertSink {
  readonly raised: AlertInput[] = [];
  async raise(input: AlertInput): Promise<void> {
    this.raised.push(input);
  }
}

export interface SiteRoute {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Answers by hand (hostile answers): everything else on the route is ignored. */
  readonly handler?: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * A simulated public site on 127.0.0.1: routes by path, ETags from the body, 304 on
 * If-None-Match, and a record of every request with the (injected) clock's time.
 */
export class TestSite extends LoopbackServer {
  readonly routes = new Map<string, SiteRoute>();
  readonly requests: { path: string; at: number; headers: IncomingMessage['headers'] }[] = [];

  constructor(private readonly clock: Clock = { now: () => Date.now() }) {
    super();
  }

  set(path: string, route: SiteRoute): this {
    this.routes.set(path, route);
    return this;
  }

  hits(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    this.requests.push({ path, at: this.clock.now(), headers: req.headers });
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (route.handler) return route.handler(req, res);
    const body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if ((route.status ?? 200) === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(route.status ?? 200, { etag, 'content-length': String(body.length), ...route.headers });
    res.end(body);
  }
}

export interface MonitorTestNode {
  readonly node: ConcordNode;
  readonly clock: ManualClock;
  readonly alerts: RecordingAlertSink;
  /** Every per-host pause the monitor asked for (it advanced the clock instead of sleeping). */
  readonly waits: number[];
  readonly adminKey: string;
  call(method: string, url: string, key: string | null, body?: unknown): Promise<{ status: number; json: any }>;
  /** Hashes a file and adds its matchable signals (optionally only some types) to a bank. */
  know(bytes: Buffer, o?: { types?: readonly string[]; label?: string; distribution?: string }): Promise<{ id: number; type: string; uid: string }[]>;
  close(): Promise<void>;
}

export const CONTACT = 'monitor-team@example.org';

/** A real node (SQLite, real index and decoders) with a manual clock, a recording sink and the monitor configured. */
export async function startMonitorNode(monitor: Record<string, unknown> = {}): Promise<MonitorTestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-monitor-'));
  const clock = fixedClock('2026-03-01T00:00:00.000Z');
  const alerts = new RecordingAlertSink();
  const waits: number[] = [];
  const config = parseNodeConfig({ dataDir, logLevel: 'silent', sync: false, monitor: { contact: CONTACT, perHostIntervalMs: 0, ...monitor } });
  const node = await createNode(config, {
    logger: false,
    clock,
    alerts,
    monitorWait: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
  });
  const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
  const media = defaultMediaPorts(readEnv(), { maxPixels: 100_000_000 });
  const registry = defaultRegistry();
  let bank: number | undefined;
  const call: MonitorTestNode['call'] = async (method, url, key, body) => {
    const res = await node.app.inject({ method: method as 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {}, ...(body !== undefined ? { payload: body as object } : {}) });
    let json: unknown;
    try {
      json = res.json();
    } catch {
      json = res.body;
    }
    return { status: res.statusCode, json };
  };
  return {
    node,
    clock,
    alerts,
    waits,
    adminKey,
    call,
    async know(bytes, o = {}) {
      bank ??= (await call('POST', '/v1/banks', adminKey, { name: 'Known media', description: 'for monitor tests' })).json.id as number;
      const { signals } = await hashContent(registry, new ContentSource(bytes, media));
      const chosen = signals.filter((s) => s.matchable && (!o.types || o.types.includes(s.type)));
      const res = await call('POST', `/v1/banks/${bank}/signals`, adminKey, {
        signals: chosen.map((s) => ({ type: s.type, value: s.value, label: o.label ?? 'branded_propaganda_designated_entity', reason: 'seen in a designated entity release', distribution: o.distribution ?? 'partners' })),
      });
      if (res.status !== 201) throw new Error(`adding signals: ${res.status} ${JSON.stringify(res.json)}`);
      return (res.json.signals as { id: number; type: string; uid: string }[]).map((s) => ({ id: s.id, type: s.type, uid: s.uid }));
    },
    async close() {
      await node.close();
      // The PDF readers are unref'd child processes: with nothing else left, the loop could
      // end before their exit event, leaving close() pending. Hold it open until they are gone.
      const hold = setInterval(() => undefined, 1000);
      await media.close?.();
      clearInterval(hold);
    },
  };
}

/** Adds a source through the store (the routes are tested on their own); returns its id. */
export async function addSource(t: MonitorTestNode, input: { url: string; kind: 'feed' | 'activitypub' | 'html' | 'file'; depth?: number; localTestSite?: boolean; intervalMs?: number }): Promise<number> {
  const res = await t.call('POST', '/v1/sources', t.adminKey, { reason: 'known outlet of a designated entity', label: 'branded_propaganda_designated_entity', localTestSite: true, ...input });
  if (res.status !== 201) throw new Error(`adding a source: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.id as number;
}
