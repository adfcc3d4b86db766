import { isIP } from 'node:net';
import { ConcordError } from '../errors/concord-error.js';
import { checkAddress } from './address-guard.js';
import type { Clock } from '../util/clock.js';
import type { HostPacer } from './host-pacer.js';
import { ALLOW_ALL, DISALLOW_ALL, isAllowed, parseRobots, type RobotsRules } from './robots.js';
import { safeRequest, type SafeResponse } from './safe-request.js';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'ConcordMonitor';

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly robotsTtlMs: number;
}

export interface FetchInput {
  readonly url: string;
  readonly localTestSite: boolean;
  readonly maxBytes: number;
  readonly accept?: string;
  /** Validators from the last answer: a 304 then costs no body. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /**
   * Where a redirect may lead (the source's own host and the media hosts its pages link
   * to); a redirect elsewhere fails with SOURCE_HOST_REFUSED before it is requested.
   */
  readonly scope?: (url: URL) => boolean;
}

const REDIRECTS = [301, 302, 303, 307, 308];

/** One site for robots.txt redirects: the same host name, but for a leading `www.`, whatever the scheme and port. */
const sameSite = (a: URL, b: URL): boolean => a.hostname.replace(/^www\./, '') === b.hostname.replace(/^www\./, '');

export type FetchResult =
  | { readonly kind: 'ok'; readonly url: string; readonly body: Buffer; readonly etag: string | null; readonly lastModified: string | null }
  | { readonly kind: 'not_modified'; readonly url: string }
  /** Any other status; the body was never read. */
  | { readonly kind: 'status'; readonly url: string; readonly status: number };

const header = (res: SafeResponse, name: string): string | null => {
  const v = res.headers[name];
  return typeof v === 'string' && v.length <= 1000 ? v : null;
};

/**
 * Fetches the way a polite, careful crawler does: robots.txt honoured (kept per host for
 * robotsTtlMs), one request per host per interval (HostPacer), a fixed User-Agent naming
 * Concord and its operator, conditional requests, redirects followed only up to a limit
 * and each hop checked afresh (scheme, robots, address after DNS), every limit of
 * safeRequest on every hop.
 *
 * @example
 *   const fetcher = new PoliteFetcher(userAgent('abuse@example.org'), limits, pacer, clock);
 *   const r = await fetcher.fetch({ url: 'https://example.org/feed', localTestSite: false, maxBytes: 5e6 });
 */
export class PoliteFetcher {
  private readonly robots = new Map<string, { rules: RobotsRules; until: number }>();
  /** Requests made (robots.txt included), for benchmarks and tests. */
  requests = 0;

  constructor(
    readonly userAgent: string,
    private readonly limits: FetchLimits,
    private readonly pacer: HostPacer,
    private readonly clock: Clock,
  ) {}

  async fetch(input: FetchInput): Promise<FetchResult> {
    let url = parseUrl(input.url);
    for (let hop = 0; ; hop++) {
      if (!(await this.allowedByRobots(url, input.localTestSite))) {
        throw new ConcordError('SOURCE_ROBOTS_DISALLOWED', `robots.txt of ${url.host} disallows ${url.pathname}`);
      }
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: input.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' };
      // Validators belong to the URL they came from, not to where it redirects.
      if (hop === 0 && input.etag) headers['if-none-match'] = input.etag;
      if (hop === 0 && input.lastModified) headers['if-modified-since'] = input.lastModified;
      const res = await this.request(url, headers, input.localTestSite, input.maxBytes);
      if (REDIRECTS.includes(res.status)) {
        const location = header(res, 'location');
        if (!location) return { kind: 'status', url: url.href, status: res.status };
        if (hop >= this.limits.maxRedirects) throw new ConcordError('SOURCE_REDIRECT_LIMIT', `${input.url} redirected more than ${this.limits.maxRedirects} times`);
        const next = parseUrl(new URL(location, url).href);
        // A private address named outright is refused as such (the graver of the two refusals).
        const literal = next.hostname.replace(/^\[|\]$/g, '');
        if (isIP(literal)) checkAddress(literal, input.localTestSite, literal);
        if (input.scope && !input.scope(next)) throw new ConcordError('SOURCE_HOST_REFUSED', `${url.host} redirected to ${next.host}, which is neither the source's host nor a media host its pages link to`);
        url = next;
        continue;
      }
      if (res.status === 304) return { kind: 'not_modified', url: url.href };
      if (res.status < 200 || res.status >= 300) return { kind: 'status', url: url.href, status: res.status };
      return { kind: 'ok', url: url.href, body: res.body, etag: header(res, 'etag'), lastModified: header(res, 'last-modified') };
    }
  }

  private async request(url: URL, headers: Record<string, string>, localTestSite: boolean, maxBytes: number): Promise<SafeResponse> {
    await this.pacer.turn(url.host);
    this.requests++;
    return safeRequest({ url, headers, localTestSite, maxBytes, timeoutMs: this.limits.timeoutMs });
  }

  /**
   * RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be
   * had (5xx) disallows everything for ten minutes; an unreachable site fails the fetch.
   * Redirects are followed (up to maxRedirects) within the same site (http to https, to
   * or from `www.`); one that leads off the site, or past the limit, is not followed and
   * the robots.txt counts as unavailable, which RFC 9309 (2.3.1.2) reads as missing.
   */
  private async allowedByRobots(url: URL, localTestSite: boolean): Promise<boolean> {
    const origin = url.origin;
    const now = this.clock.now();
    let entry = this.robots.get(origin);
    if (!entry || entry.until <= now) {
      let rules: RobotsRules;
      let ttl = this.limits.robotsTtlMs;
      // Unreachable or refused: the error is the page's too, and nothing is cached.
      const res = await this.robotsTxt(new URL('/robots.txt', origin), localTestSite);
      if (res.status >= 200 && res.status < 300) rules = parseRobots(res.body.toString('utf8'), ROBOTS_TOKEN);
      else if (res.status >= 500) {
        rules = DISALLOW_ALL;
        ttl = Math.min(ttl, 10 * 60_000);
      } else rules = ALLOW_ALL; // missing (4xx), or a redirect not followed
      entry = { rules, until: now + ttl };
      this.robots.set(origin, entry);
    }
    return isAllowed(entry.rules, `${url.pathname}${url.search}`);
  }

  /** robots.txt with its same-site redirects followed; the last answer (a redirect not followed included). */
  private async robotsTxt(first: URL, localTestSite: boolean): Promise<SafeResponse> {
    let target = first;
    for (let hop = 0; ; hop++) {
      const res = await this.request(target, { 'user-agent': this.userAgent, accept: 'text/plain' }, localTestSite, 512 * 1024);
      const location = REDIRECTS.includes(res.status) ? header(res, 'location') : null;
      if (location === null || hop >= this.limits.maxRedirects) return res;
      let next: URL;
      try {
        next = parseUrl(new URL(location, target).href);
      } catch {
        return res;
      }
      if (!sameSite(next, first)) return res;
      target = next;
    }
  }
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConcordError('SOURCE_INVALID', `not an absolute URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConcordError('SOURCE_INVALID', `${url.protocol} URLs are not fetched; only http: and https:`);
  if (url.username || url.password) throw new ConcordError('SOURCE_INVALID', 'URLs with credentials are not fetched');
  url.hash = '';
  return url;
}

/** The fixed User-Agent: names Concord and who runs this monitor, so a site can reach them. */
export const userAgentFor = (contact: string): string => `ConcordMonitor/1.0 (+${contact})`;
