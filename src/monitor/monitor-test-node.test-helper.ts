import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readEnv } from '../config/env.js';
import { defaultMediaPorts } from '../media/media-ports.js';
import { ContentSource } from '../signals/content-source.js';
import { defaultRegistry } from '../signals/default-registry.js';
import { hashContent } from '../signals/hash-content.js';
import { startClockedNode, type ClockedNode } from '../testing/clocked-node.js';
import { LoopbackServer } from '../testing/loopback-server.js';
import { fixedClock, type Clock, type ManualClock } from '../util/clock.js';

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

export interface MonitorTestNode extends ClockedNode {
  readonly clock: ManualClock;
  /** Every per-host pause the monitor asked for (it advanced the clock instead of sleeping). */
  readonly waits: number[];
  /** The alerts the node's own store-backed sink holds, as GET /v1/alerts shows them to this node. */
  alerts(kind?: string): Promise<AlertView[]>;
  /** Hashes a file and adds its matchable signals (optionally only some types) to a bank. */
  know(bytes: Buffer, o?: { types?: readonly string[]; label?: string; distribution?: string; incidentId?: string; as?: 'text' | 'url' }): Promise<{ id: number; type: string; uid: string }[]>;
  close(): Promise<void>;
}

/** An alert as GET /v1/alerts answers it. */
export interface AlertView {
  readonly uid: string;
  readonly kind: string;
  readonly subject: { type: string; id: string };
  readonly dedupeKey: string;
  readonly incidentId: string | null;
  readonly signalUids: string[];
  readonly details: Record<string, any>;
  readonly distribution: string;
}

export const CONTACT = 'monitor-team@example.org';

/**
 * A clocked node (SQLite, real index, decoders and alert store) with the monitor configured
 * and its per-host pauses advancing the clock. Sync is off unless `overrides` turn it on.
 */
export async function startMonitorNode(monitor: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}, o: { listen?: boolean; clock?: ManualClock } = {}): Promise<MonitorTestNode> {
  const clock = o.clock ?? fixedClock('2026-03-01T00:00:00.000Z');
  const waits: number[] = [];
  const monitorWait = async (ms: number) => {
    waits.push(ms);
    clock.advance(ms);
  };
  const t = await startClockedNode('Monitor node', clock, { sync: false, ...overrides, monitor: { contact: CONTACT, perHostIntervalMs: 0, ...monitor } }, { listen: o.listen ?? false, ports: { monitorWait } });
  const media = defaultMediaPorts(readEnv(), { maxPixels: 100_000_000 });
  const registry = defaultRegistry();
  let bank: number | undefined;
  return {
    ...t,
    clock,
    waits,
    async alerts(kind) {
      const res = await t.call('GET', `/v1/alerts?limit=1000${kind ? `&kind=${kind}` : ''}`, t.admin);
      if (res.status !== 200) throw new Error(`alerts: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json.alerts as AlertView[];
    },
    async know(bytes, o = {}) {
      bank ??= (await t.call('POST', '/v1/banks', t.admin, { name: 'Known media', description: 'for monitor tests' })).json.id as number;
      // `as`: the bytes are a text or a URL given as such, not a file to sniff.
      const content = o.as === 'text' ? ContentSource.fromText(bytes.toString('utf8'), media) : o.as === 'url' ? ContentSource.fromUrl(bytes.toString('utf8'), media) : new ContentSource(bytes, media);
      const { signals } = await hashContent(registry, content);
      const chosen = signals.filter((s) => s.matchable && (!o.types || o.types.includes(s.type)));
      const res = await t.call('POST', `/v1/banks/${bank}/signals`, t.admin, {
        signals: chosen.map((s) => ({ type: s.type, value: s.value, label: o.label ?? 'branded_propaganda_designated_entity', reason: 'seen in a designated entity release', distribution: o.distribution ?? 'partners', ...(o.incidentId ? { incidentId: o.incidentId } : {}) })),
      });
      if (res.status !== 201) throw new Error(`adding signals: ${res.status} ${JSON.stringify(res.json)}`);
      return (res.json.signals as { id: number; type: string; uid: string }[]).map((s) => ({ id: s.id, type: s.type, uid: s.uid }));
    },
    async close() {
      await t.node.close();
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
  const res = await t.call('POST', '/v1/sources', t.admin, { reason: 'known outlet of a designated entity', label: 'branded_propaganda_designated_entity', localTestSite: true, ...input });
  if (res.status !== 201) throw new Error(`adding a source: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.id as number;
}
