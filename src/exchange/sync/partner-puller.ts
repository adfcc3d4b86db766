import { ConcordError } from '../../errors/concord-error.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import type { ReceivedEvent } from '../../store/store-sync.js';
import type { PartnerRecord } from '../../store/store.js';
import { checkPageAsync, FeedPageSchema, hashOfEvent, sha256Hex, type FeedPage, type WireEvent } from '../feed/feed-event.js';
import { PRIORITY_EVENT_TYPES } from '../feed/feed-priority.js';
import { verifySignature } from '../node-key.js';
import { checkPageCut } from '../feed/feed-cut.js';
import type { NodeKey } from '../node-key.js';
import type { SignalRegistry } from '../../signals/signal-registry.js';
import { signRequest } from '../peer-auth.js';
import { errorSummary, type HttpClient } from '../outbound/outbound-http.js';

export interface PullerDeps {
  readonly store: KyselyStore;
  /** Received values are validated (and normalised) like any other input before they are stored. */
  readonly registry: SignalRegistry;
  readonly key: NodeKey;
  readonly selfId: string;
  readonly disputeThreshold: number;
  /** Every request to the partner goes through it: http(s) only, no redirects (outboundHttp). */
  readonly http: HttpClient;
  /** Called after a page is committed, so the match index takes it in at once. */
  readonly onApplied: () => Promise<void>;
  readonly log?: (fields: Record<string, unknown>, message: string) => void;
  /** The clock a page head's time is checked against. */
  readonly now?: () => number;
}

export interface PullerOptions {
  readonly pageSize: number;
  /** How long the partner may hold a request open waiting for news. */
  readonly waitMs: number;
  /** Longest pause between failed attempts. */
  readonly maxBackoffMs: number;
  /** Largest page body accepted, so a partner answering garbage cannot exhaust memory. */
  readonly maxPageBytes: number;
}

export const DEFAULT_PULLER_OPTIONS: PullerOptions = { pageSize: 2500, waitMs: 20_000, maxBackoffMs: 30_000, maxPageBytes: 64 * 1024 * 1024 };

/**
 * Pulls one partner's feed: long-polls for the page after the cursor, verifies every
 * signature and link, then applies the page and moves the cursor in one transaction.
 * A page that fails any check is rejected whole and recorded as a sync error. Each partner
 * has its own puller, so a slow or broken partner delays nobody else.
 */
export class PartnerPuller {
  private stopped = false;
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(readonly partner: PartnerRecord, private readonly deps: PullerDeps, private readonly options: PullerOptions = DEFAULT_PULLER_OPTIONS) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    let backoff = 0;
    while (!this.stopped) {
      try {
        await this.pull(() => (backoff = 0));
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof ConcordError && err.code === 'CONFLICT') continue; // another process applied that page
        const error = err instanceof ConcordError ? err : new ConcordError('PARTNER_UNREACHABLE', (err as Error).message);
        this.deps.log?.({ partner: this.partner.id, code: error.code, err: error.message }, 'sync error');
        // What is stored is read by auditors: a code and a short summary of ours, never a partner's answer.
        await this.deps.store.recordSyncContact(this.partner.id, { error: `${error.code}: ${errorSummary(error.message)}` }).catch(() => undefined);
        backoff = Math.min(Math.max(500, backoff * 2), this.options.maxBackoffMs);
        await this.sleep(backoff);
      }
    }
  }

  /**
   * Pulls pages until stopped or until something fails. While one page is applied, the
   * next one is already being fetched and its signatures checked (on the thread pool),
   * so catching up overlaps network, verification and the database.
   */
  private async pull(onProgress: () => void): Promise<void> {
    const { store } = this.deps;
    let cursor = await store.getSyncCursor(this.partner.id);
    let key = this.partner.publicKey!;
    let next = this.fetchVerified(cursor.lastSeq, cursor.lastHash, key);
    while (!this.stopped) {
      const page = await next;
      onProgress();
      if (page.events.length === 0) {
        await store.recordSyncContact(this.partner.id, { remoteHead: page.head });
        next = this.fetchVerified(cursor.lastSeq, cursor.lastHash, key);
        continue;
      }
      const last = page.events[page.events.length - 1]!;
      key = page.publicKey;
      next = this.fetchVerified(last.seq, last.hash, key);
      next.catch(() => undefined); // abandoned if applying this page fails; the loop starts over
      await store.applyFeedPage(
        this.partner.id,
        {
          afterSeq: cursor.lastSeq,
          lastSeq: last.seq,
          lastHash: last.hash,
          remoteHead: Math.max(page.head, last.seq),
          events: page.events.flatMap((e) => toReceived(e, this.deps.registry)),
          priority: (page.priority ?? []).flatMap((e) => toReceived(e, this.deps.registry)),
        },
        this.deps.disputeThreshold,
      );
      cursor = { ...cursor, lastSeq: last.seq, lastHash: last.hash };
      await this.deps.onApplied();
    }
  }

  /** The page after a position, verified against it: order, links, hashes and every signature. */
  private async fetchVerified(afterSeq: number, afterHash: string, publicKey: string): Promise<FeedPage & { publicKey: string }> {
    const page = await this.fetchPage(afterSeq);
    const checked = await checkPageAsync(page.events, afterSeq, afterHash, publicKey);
    if (checked.problem) throw new ConcordError('FEED_REJECTED', `feed of ${this.partner.id}: ${checked.problem}; nothing from this page was applied`);
    checkPageCut(page, { partner: this.partner.id, selfId: this.deps.selfId, after: afterSeq, publicKey: checked.publicKey, now: (this.deps.now ?? Date.now)() });
    const ahead = checkPriority(page.priority ?? [], page.events.at(-1)?.seq ?? afterSeq, checked.publicKey);
    if (ahead) throw new ConcordError('FEED_REJECTED', `feed of ${this.partner.id}: priority ${ahead}; nothing from this page was applied`);
    return { ...page, publicKey: checked.publicKey };
  }

  private async fetchPage(after: number): Promise<FeedPage> {
    const path = `/v1/feed?after=${after}&limit=${this.options.pageSize}&wait=${this.options.waitMs}`;
    const url = `${this.partner.url!.replace(/\/+$/, '')}${path}`;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.waitMs + 15_000)]);
    let text: string;
    try {
      const res = await this.deps.http(url, { headers: { authorization: signRequest(this.deps.key, this.deps.selfId, this.partner.id, 'GET', path), accept: 'application/json' }, signal });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new ConcordError('PARTNER_UNREACHABLE', `${this.partner.url} answered HTTP ${res.status}`);
      }
      text = await readCapped(res, this.options.maxPageBytes);
    } catch (err) {
      if (err instanceof ConcordError) throw err;
      throw new ConcordError('PARTNER_UNREACHABLE', `${this.partner.url}: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConcordError('PARTNER_UNREACHABLE', `${this.partner.url} answered with something that is not JSON`);
    }
    const parsed = FeedPageSchema.safeParse(json);
    if (!parsed.success) throw new ConcordError('PARTNER_UNREACHABLE', `${this.partner.url} answered with something that is not a feed page: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.node !== this.partner.id) throw new ConcordError('FEED_REJECTED', `${this.partner.url} serves the feed of ${parsed.data.node}, not of ${this.partner.id}`);
    return parsed.data;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}

/**
 * Priority events ride outside the chain (feed-priority.ts), so each must stand on its own:
 * beyond the page, with its body, hashing to its own fields, of a priority type, and signed
 * by the key in force after the page. Returns the first problem.
 */
function checkPriority(events: readonly WireEvent[], after: number, publicKey: string): string | undefined {
  for (const e of events) {
    if (e.seq <= after) return `event ${e.seq} is not beyond the page`;
    if (e.body === undefined || sha256Hex(e.body) !== e.bodyHash || hashOfEvent(e) !== e.hash) return `event ${e.seq} does not hash to its own fields`;
    let type: unknown;
    try {
      type = (JSON.parse(e.body) as { type?: unknown }).type;
    } catch {
      return `event ${e.seq} is not JSON`;
    }
    if (typeof type !== 'string' || !PRIORITY_EVENT_TYPES.includes(type)) return `event ${e.seq} is a ${String(type)}, not a priority type`;
    if (!verifySignature(publicKey, e.hash, e.sig)) return `event ${e.seq}: the signature does not verify with the partner's key`;
  }
  return undefined;
}

function toReceived(e: WireEvent, registry: SignalRegistry): ReceivedEvent[] {
  if (e.body === undefined) return [];
  let body: unknown;
  try {
    body = JSON.parse(e.body);
  } catch {
    body = undefined; // signed by the partner but not JSON: counted as skipped
  }
  return [{ seq: e.seq, wire: JSON.stringify(e), body: validSignal(body, registry) }];
}

/**
 * A partner's signal value gets the same validation as one added here, so a malformed
 * value can never reach an index. Types this node does not know are kept (they stay in
 * the store, unindexed, until the node learns the type); invalid values are dropped.
 */
function validSignal(body: unknown, registry: SignalRegistry): unknown {
  const added = body as { type?: unknown; signal?: { type?: unknown; value?: unknown } } | undefined;
  if (added?.type !== 'signal.added' || typeof added.signal?.type !== 'string' || typeof added.signal.value !== 'string') return body;
  const type = registry.lookup(added.signal.type);
  if (!type.ok) return body;
  const value = type.value.validate(added.signal.value);
  return value.ok ? { ...added, signal: { ...added.signal, value: value.value } } : undefined;
}

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ConcordError('PARTNER_UNREACHABLE', `the partner's page is ${declared} bytes, over the ${maxBytes} limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw new ConcordError('PARTNER_UNREACHABLE', `the partner's page is over the ${maxBytes} byte limit`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
