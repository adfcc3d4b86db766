import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

/** What the proxy does to a feed page on its way (parsed JSON in, JSON out). */
export type PageTamper = (page: { node: string; head: number; events: { body?: string }[] } & Record<string, unknown>) => unknown;

/**
 * A man in the middle for the partner link: forwards every request to `target` unchanged
 * (signed requests included) and passes `GET /v1/feed` answers through `tamper`, so tests
 * can strip bodies or forge heads the way a hostile proxy would.
 */
export class FeedProxy extends LoopbackServer {
  tamper?: PageTamper;
  /** Feed pages that went through `tamper`. */
  tampered = 0;

  constructor(private readonly target: string) {
    super();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const upstream = await fetch(`${this.target}${req.url}`, { method: req.method, headers });
      let text = await upstream.text();
      const tamper = this.tamper;
      if (tamper && upstream.ok && req.url?.startsWith('/v1/feed')) {
        text = JSON.stringify(tamper(JSON.parse(text)));
        this.tampered += 1;
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
    }
  }
}

/** Removes the body of every event of `type`: a retraction made to vanish on the way. */
export const stripBodiesOf = (type: string): PageTamper => (page) => ({
  ...page,
  events: page.events.map((e) => {
    if (e.body === undefined || (JSON.parse(e.body) as { type?: string }).type !== type) return e;
    const { body: _body, ...stub } = e;
    return stub;
  }),
});
