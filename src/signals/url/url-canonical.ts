import { fail, ok, type Result } from '../../errors/result.js';
import { dropWww, registrableDomain } from './url-host.js';
import { FRAGMENT_ROUTED_HOSTS, isTrackingParameter } from './url-rules.js';

/** A URL in canonical form, or a registered path prefix (`https://host/path/*`). */
export interface CanonicalUrl {
  readonly kind: 'exact' | 'prefix';
  /** The canonical string: one token, no whitespace or commas. */
  readonly value: string;
  readonly host: string;
  /** The scheme as written, kept aside locally: http and https are one scheme for matching. */
  readonly originalScheme: 'http' | 'https';
}

/**
 * Canonicalises a URL (spec: text-and-url.md, steps 1–6), so that every way of
 * writing one address gives one string:
 *
 *   1. Parse with the WHATWG URL parser; reject what does not parse, with the reason.
 *      Only http and https URLs are accepted; a URL needs its scheme.
 *   2. http and https become `https`. User name and password are dropped.
 *   3. Host: lowercase and punycode (by the parser), trailing dots stripped, `www.`
 *      dropped by the rule in url-host.ts; ports 80 and 443 dropped (the defaults of
 *      the one http/https scheme), others kept.
 *   4. Path: `.` and `..` resolved (by the parser); percent-escapes of unreserved
 *      characters (A–Z a–z 0–9 - . _ ~) decoded, the rest upper-cased; trailing
 *      slashes removed except for the root.
 *   5. Query: tracking parameters dropped (url-rules.ts), empty pairs dropped, the
 *      rest sorted by key then value, with percent-escapes normalised as in the path.
 *   6. Fragment dropped, except on fragment-routed sites (url-rules.ts).
 *   Commas are written `%2C` throughout, so the canonical URL is always one token.
 *
 * With `allowPrefix`, a URL whose path ends in `/*` (no query, no fragment) is a path
 * prefix entry: it covers that path and everything below it. From content, a final
 * `*` segment is a literal character and is written `%2A`.
 *
 * @example
 *   canonicaliseUrl('HTTP://WWW.Example.COM:80/a/./b/../c/?utm_source=x&b=2&a=1#top')
 *   // ok: { kind: 'exact', value: 'https://example.com/a/c?a=1&b=2', … }
 */
export function canonicaliseUrl(raw: string, options: { allowPrefix?: boolean } = {}): Result<CanonicalUrl> {
  const input = raw.trim();
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(input) ? '' : ' (a scheme is required, e.g. https://)';
    return fail('URL_INVALID', `not a URL the WHATWG parser accepts${hint}: ${preview(input)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail('URL_INVALID', `only http and https URLs are signals, got scheme "${url.protocol.slice(0, -1)}"`);
  }
  const host = dropWww(url.hostname.replace(/\.+$/, ''));
  if (host === '' || host.includes(',')) return fail('URL_INVALID', `the host "${url.hostname}" is not a usable host name`);
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const origin = `https://${host}${port}`;

  let path = normalisePercent(url.pathname).replace(/\/+$/, '') || '/';
  if (path.endsWith('/*')) {
    if (!options.allowPrefix) path = `${path.slice(0, -1)}%2A`;
    else if (url.search !== '' || url.hash !== '') return fail('URL_INVALID', 'a path prefix entry ends its path with /* and has no query or fragment');
    else return ok({ kind: 'prefix', value: `${origin}${path.slice(0, -2).replace(/\/+$/, '')}/*`, host, originalScheme: scheme(url) });
  }

  const query = canonicalQuery(url.search.slice(1), registrableDomain(host));
  const fragment = FRAGMENT_ROUTED_HOSTS.has(host) ? normalisePercent(url.hash.slice(1)) : '';
  const value = `${origin}${path}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`;
  return ok({ kind: 'exact', value, host, originalScheme: scheme(url) });
}

function canonicalQuery(search: string, domain: string | null): string {
  return search
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = normalisePercent(eq < 0 ? pair : pair.slice(0, eq));
      return { key, rest: eq < 0 ? '' : normalisePercent(pair.slice(eq)) };
    })
    .filter(({ key }) => !isTrackingParameter(key, domain))
    .sort((a, b) => compare(a.key, b.key) || compare(a.rest, b.rest))
    .map(({ key, rest }) => key + rest)
    .join('&');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Decodes escapes of unreserved characters, upper-cases the hex of every other
 * escape, and escapes commas (so the URL stays one token in a signal list).
 */
export function normalisePercent(s: string): string {
  return s
    .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
      const c = String.fromCharCode(parseInt(hex, 16));
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
    })
    .replaceAll(',', '%2C');
}

const scheme = (url: URL) => (url.protocol === 'http:' ? 'http' : 'https');

function preview(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}
