import { ConcordError, toConcordError } from '../errors/concord-error.js';
import { sniff } from '../media/sniff.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import type { HashedSignal } from '../signals/signal-type.js';
import type { MonitorConfig } from '../config/node-config.js';
import type { KyselyStore } from '../store/kysely-store.js';
import type { PageLink } from '../store/kysely/kysely-monitor.js';
import type { Clock } from '../util/clock.js';
import { activityPubParts, looksLikeActivityStreams } from './activitypub-links.js';
import { hashMedia, hashText, hashUrl, type Hashed } from './content-hashing.js';
import { feedParts, looksLikeFeed, type FeedParts } from './feed-links.js';
import type { FindRecorder } from './find-recorder.js';
import { htmlParts } from './html-links.js';
import { eachLimited, emptyTimings, timed, type PhaseTimings } from './phase-timings.js';
import type { FetchResult, PoliteFetcher } from './polite-fetcher.js';
import type { Source, SourceKind } from './source.js';

export interface CheckError {
  readonly url: string;
  readonly code: string;
  readonly message: string;
}

/** What one check of a source did. */
export interface CheckReport {
  readonly sourceId: number;
  readonly url: string;
  /** The coded error that stopped the check (the source itself could not be read), or null. */
  error: CheckError | null;
  /** Pages, feeds and outboxes read. */
  pages: number;
  /** Media fetched and hashed. */
  media: number;
  /** Resources the site said were unchanged (304): no body, no hashing. */
  notModified: number;
  bytes: number;
  /** Finds seen in this check, and how many of them are new. */
  finds: number;
  newFinds: number;
  /** Errors on linked resources (the check went on); at most 100 kept, all counted. */
  errors: CheckError[];
  errorCount: number;
  readonly timings: PhaseTimings;
}

export interface SourceCheckDeps {
  readonly store: Pick<KyselyStore, 'monitor'>;
  readonly registry: SignalRegistry;
  readonly media: MediaPorts;
  readonly fetcher: PoliteFetcher;
  readonly recorder: FindRecorder;
  readonly clock: Clock;
  readonly config: MonitorConfig;
}

const ACCEPT: Record<SourceKind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  activitypub: 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  file: '*/*',
};

type Parsed = (FeedParts & { readonly text?: string }) | { readonly asMedia: true };

/**
 * One check of one source: the source's own URL, then (depth 1) the media it links to,
 * then (depth 2, 3) the pages it links to on its own host or a media host and their media.
 * Every URL seen is hashed as a URL; every body fetched with every signal that applies;
 * everything is matched, and matches become finds. Nothing leaves the source's host and
 * the media hosts it links to. Errors on linked resources are recorded and the check goes on.
 */
export class SourceCheck {
  readonly report: CheckReport;
  private readonly sourceHost: string;
  private readonly mediaHosts = new Set<string>();
  private readonly visited = new Set<string>();
  /** The source's open finds by URL, loaded once; finds seen unchanged are touched together at the end. */
  private openFinds = new Map<string, number[]>();
  private readonly seenUnchanged: number[] = [];
  private readonly foundAt = new Set<string>();

  constructor(
    private readonly deps: SourceCheckDeps,
    private readonly source: Source,
  ) {
    this.sourceHost = new URL(source.url).host;
    this.report = { sourceId: source.id, url: source.url, error: null, pages: 0, media: 0, notModified: 0, bytes: 0, finds: 0, newFinds: 0, errors: [], errorCount: 0, timings: emptyTimings() };
  }

  async run(): Promise<CheckReport> {
    for (const find of await this.deps.store.monitor.openFindsOf(this.source.id)) this.openFinds.set(find.url, [...(this.openFinds.get(find.url) ?? []), find.id]);
    try {
      if (this.source.kind === 'file') await this.visitMedia(this.source.url);
      else await this.visitPage(this.source.url, 0);
    } catch (err) {
      const e = toConcordError(err);
      this.report.error = { url: this.source.url, code: e.code, message: e.message };
    }
    await this.deps.store.monitor.touchFinds(this.seenUnchanged);
    return this.report;
  }

  private fetch(url: string, maxBytes: number, accept: string, cached: { etag: string | null; lastModified: string | null } | undefined): Promise<FetchResult> {
    return timed(this.report.timings, 'fetch', () =>
      this.deps.fetcher.fetch({ url, localTestSite: this.source.localTestSite, maxBytes, accept, etag: cached?.etag ?? null, lastModified: cached?.lastModified ?? null, scope: (u) => this.inScope(u.href) }),
    );
  }

  private noteError(url: string, err: unknown): void {
    const e = toConcordError(err);
    this.report.errorCount++;
    if (this.report.errors.length < 100) this.report.errors.push({ url, code: e.code, message: e.message });
  }

  /** A status other than 2xx/304; a 404 or 410 also closes the finds at that URL. */
  private async failed(url: string, status: number): Promise<never> {
    await this.deps.store.monitor.forgetPage(url);
    if (status === 404 || status === 410) await this.closeFindsAt(url, 'gone');
    throw this.httpError(url, status);
  }

  private httpError(url: string, status: number): ConcordError {
    return new ConcordError('SOURCE_HTTP_ERROR', `${new URL(url).host} answered HTTP ${status} for ${url.slice(0, 300)}`);
  }

  /** A page, feed or outbox at `level` (0: the source itself, whose failure stops the check). */
  private async visitPage(url: string, level: number): Promise<void> {
    if (this.visited.has(url)) return;
    this.visited.add(url);
    const root = level === 0;
    const cached = await this.deps.store.monitor.getPage(url);
    const result = await this.fetch(url, this.deps.config.maxPageBytes, ACCEPT[root ? this.source.kind : 'html'], cached);
    let links: readonly PageLink[];
    if (result.kind === 'status') return this.failed(url, result.status);
    if (result.kind === 'not_modified') {
      this.report.notModified++;
      await this.touchFindsAt(url);
      links = cached?.links ?? [];
    } else {
      this.report.bytes += result.body.length;
      const parsed = this.parse(result.body, url, root ? this.source.kind : undefined);
      if ('asMedia' in parsed) {
        await this.hashAndRecordMedia(url, result.body);
        await this.deps.store.monitor.putPage({ url, etag: result.etag, lastModified: result.lastModified, links: [], checkedAt: new Date(this.deps.clock.now()).toISOString() });
        return;
      }
      this.report.pages++;
      const all: PageLink[] = [...parsed.media.map((u) => ({ url: u, as: 'media' as const })), ...parsed.links.map((u) => ({ url: u, as: 'page' as const }))];
      links = all.slice(0, this.deps.config.maxLinksPerPage);
      await this.hashPage(url, parsed, all.map((l) => l.url));
      await this.deps.store.monitor.putPage({ url, etag: result.etag, lastModified: result.lastModified, links, checkedAt: new Date(this.deps.clock.now()).toISOString() });
    }
    const { concurrency } = this.deps.config;
    if (level + 1 <= this.source.depth) {
      const media = links.filter((l) => l.as === 'media');
      for (const l of media) this.mediaHosts.add(new URL(l.url).host);
      await eachLimited(media, concurrency, (l) => this.visitMedia(l.url).catch((err) => this.noteError(l.url, err)));
    }
    if (level + 1 < this.source.depth) {
      const pages = links.filter((l) => l.as === 'page' && this.inScope(l.url));
      await eachLimited(pages, concurrency, (l) => this.visitPage(l.url, level + 1).catch((err) => this.noteError(l.url, err)));
    }
  }

  /** The source's own host and the hosts of media it links to; never anywhere else. */
  private inScope(url: string): boolean {
    const host = new URL(url).host;
    return host === this.sourceHost || this.mediaHosts.has(host);
  }

  /**
   * Reads a body by its bytes, never its Content-Type. The source itself must be what its
   * kind says (SOURCE_CONTENT_MISMATCH otherwise); a linked page is read as what it is.
   */
  private parse(body: Buffer, url: string, kind: SourceKind | undefined): Parsed {
    const sniffed = sniff(body);
    if (sniffed.contentType !== 'text') {
      if (kind) throw new ConcordError('SOURCE_CONTENT_MISMATCH', `the source is a ${kind} but ${url.slice(0, 300)} holds ${sniffed.format ?? sniffed.contentType} bytes`);
      return { asMedia: true };
    }
    const text = body.toString('utf8');
    if (kind === 'feed' || (!kind && looksLikeFeed(text))) return feedParts(text, url);
    if (kind === 'activitypub' || (!kind && looksLikeActivityStreams(text))) return activityPubParts(text, url);
    const parts = htmlParts(text, url);
    return { media: parts.media, links: parts.links, texts: [], text: parts.text };
  }

  /** A page's text (each feed item's at its own URL) and every URL on it, matched in one call. */
  private async hashPage(url: string, parsed: FeedParts & { text?: string }, linkUrls: readonly string[]): Promise<void> {
    const { registry, media } = this.deps;
    const t = this.report.timings;
    // `read`: the signals come from what is at the URL (the page's text, a feed item's), not only from a link to it.
    const groups: { url: string; hashed: Hashed; read: boolean }[] = [];
    if (parsed.text) groups.push({ url, hashed: await hashText(registry, media, parsed.text, t), read: true });
    for (const item of parsed.texts) groups.push({ url: item.url, hashed: await hashText(registry, media, item.text, t), read: true });
    for (const u of [url, ...linkUrls]) groups.push({ url: u, hashed: await hashUrl(registry, media, u, t), read: u === url });
    for (const g of groups) if (g.hashed.error && g.hashed.error.code !== 'TEXT_EMPTY') this.noteError(g.url, g.hashed.error);
    // One find per URL: a page's text and its URL matching are one find there.
    const byUrl = new Map<string, { url: string; signals: HashedSignal[]; read: boolean }>();
    for (const g of groups) {
      const merged = byUrl.get(g.url) ?? { url: g.url, signals: [], read: false };
      merged.signals.push(...g.hashed.signals);
      merged.read ||= g.read;
      byUrl.set(g.url, merged);
    }
    await this.recordMatches([...byUrl.values()]);
  }

  private async visitMedia(url: string): Promise<void> {
    if (this.visited.has(url)) return;
    this.visited.add(url);
    const cached = await this.deps.store.monitor.getPage(url);
    const result = await this.fetch(url, this.deps.config.maxMediaBytes, ACCEPT.file, cached);
    if (result.kind === 'status') return this.failed(url, result.status);
    if (result.kind === 'not_modified') {
      this.report.notModified++;
      await this.touchFindsAt(url);
      return;
    }
    this.report.bytes += result.body.length;
    // The URL's own signals are judged with its bytes, as a re-check judges them: a URL
    // known as such stays a find while it answers, whatever bytes it serves.
    const { registry, media } = this.deps;
    const hashed = await hashUrl(registry, media, url, this.report.timings);
    await this.hashAndRecordMedia(url, result.body, hashed.signals);
    await this.deps.store.monitor.putPage({ url, etag: result.etag, lastModified: result.lastModified, links: [], checkedAt: new Date(this.deps.clock.now()).toISOString() });
  }

  /** Media bytes: hashed as what they are (a text where media was expected is hashed as text). */
  private async hashAndRecordMedia(url: string, body: Buffer, extra: readonly HashedSignal[] = []): Promise<void> {
    const { registry, media } = this.deps;
    const content = new ContentSource(body, media);
    this.report.media++;
    const hashed = content.contentType === 'text' ? await hashText(registry, media, htmlParts(content.text(), url).text, this.report.timings) : await hashMedia(registry, media, content, this.report.timings);
    if (hashed.error) this.noteError(url, hashed.error);
    await this.recordMatches([{ url, signals: [...extra, ...hashed.signals], bytes: body }]);
  }

  /**
   * Records the matches of each group. A group that was read (`read`, the default) and
   * matches nothing closes the finds at its URL; a link's URL matching nothing says
   * nothing about the content there: that is judged when the URL itself is read.
   */
  private async recordMatches(groups: readonly { url: string; signals: readonly HashedSignal[]; bytes?: Buffer; read?: boolean }[]): Promise<void> {
    const matched = await this.deps.recorder.matchGroups(
      groups.map((g) => g.signals),
      this.report.timings,
    );
    for (let i = 0; i < groups.length; i++) {
      if (matched[i]!.length === 0) {
        // Read afresh and matching nothing: an open find here is gone (removal tracking sees it no sooner).
        if (groups[i]!.read !== false) await this.closeFindsAt(groups[i]!.url, 'no_longer_matches');
        continue;
      }
      const { isNew } = await this.deps.recorder.record(this.source.id, groups[i]!.url, matched[i]!, groups[i]!.bytes);
      // A URL seen by its link and again by its bytes is one find.
      if (!this.foundAt.has(groups[i]!.url)) this.report.finds++;
      this.foundAt.add(groups[i]!.url);
      if (isNew) this.report.newFinds++;
    }
  }

  private async closeFindsAt(url: string, removal: 'gone' | 'no_longer_matches'): Promise<void> {
    if (!this.openFinds.has(url)) return;
    this.openFinds.delete(url);
    for (const find of await this.deps.store.monitor.openFindsAt(url)) {
      if (find.sourceId !== this.source.id) continue;
      const removed = await this.deps.store.monitor.markRemoved(find.id, removal);
      if (removed) await this.deps.recorder.raiseRemoved(removed);
    }
  }

  private async touchFindsAt(url: string): Promise<void> {
    const ids = this.openFinds.get(url) ?? [];
    this.seenUnchanged.push(...ids);
    this.report.finds += ids.length;
  }
}
