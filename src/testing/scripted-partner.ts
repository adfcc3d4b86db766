import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';
import { FeedWriter } from '../exchange/feed/feed-writer.js';
import type { WireEvent } from '../exchange/feed/feed-event.js';
import { NodeKey, nodeIdFor } from '../exchange/node-key.js';
import { signHead } from '../exchange/feed/feed-head.js';

export type PartnerMode = 'good' | 'bad-signature' | 'broken-chain' | 'reorder' | 'replay' | 'unknown-key' | 'garbage' | 'slow';

/**
 * A partner node that serves a scripted feed over real HTTP and can be told to misbehave:
 * forged signatures, a broken chain, reordered or replayed pages, a key nobody registered,
 * garbage, or no answer at all. It plays the other side for the sync fault tests.
 */
export class ScriptedPartner extends LoopbackServer {
  readonly key = NodeKey.generate();
  readonly id = nodeIdFor(this.key.publicKey);
  mode: PartnerMode = 'good';
  readonly events: WireEvent[] = [];
  private readonly writer = new FeedWriter(this.key, this.id);
  requests = 0;

  append(body: Record<string, unknown> & { type: string }): WireEvent {
    const event = this.writer.append(body);
    this.events.push(event);
    return event;
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests += 1;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/v1/feed') return void res.writeHead(404).end();
    if (this.mode === 'slow') return; // never answers; the puller's timeout must cut it off
    if (this.mode === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"node": 42, "events": "lots"');
    const after = Number(url.searchParams.get('after') ?? 0);
    let page = this.events.filter((e) => e.seq > after);
    if (this.mode === 'bad-signature') page = page.map((e) => ({ ...e, sig: this.key.sign('something else') }));
    if (this.mode === 'broken-chain' && page.length > 1) page = [page[0]!, ...this.relinked(page.slice(1), 'e'.repeat(64))];
    if (this.mode === 'reorder' && page.length > 1) page = [page[1]!, page[0]!, ...page.slice(2)];
    if (this.mode === 'replay') page = this.events.slice(0, Math.max(1, after)); // pages it already served
    if (this.mode === 'unknown-key') page = this.impostorEvents().filter((e) => e.seq > after);
    const head = this.events.length;
    // The head is signed for the node that asked (named in its signed request), as a real node does.
    const partner = /id="([^"]*)"/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const headProof = signHead({ node: this.id, head, at: new Date().toISOString(), partner, after, groups: [] }, (t) => this.key.sign(t));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ node: this.id, head, headProof, events: page }));
  }

  /** The same events, properly hashed and signed, but chained to the wrong predecessor. */
  private relinked(events: WireEvent[], firstPrev: string): WireEvent[] {
    const w = new FeedWriter(this.key, this.id, { seq: events[0]!.seq - 1, hash: firstPrev });
    return events.map((e) => w.append(JSON.parse(e.body!), JSON.parse(e.body!).at));
  }

  private impostorEvents(): WireEvent[] {
    const w = new FeedWriter(NodeKey.generate(), this.id);
    return this.events.map((e) => w.append(JSON.parse(e.body!), JSON.parse(e.body!).at));
  }
}
