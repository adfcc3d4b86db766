import { isIP } from 'node:net';
import { getDomain } from 'tldts';

/**
 * Host rules for URL canonicalisation (spec step 3) and the `domain` signal.
 * Hosts arrive from the WHATWG parser: lowercase, IDNs already in punycode
 * (the parser applies `domainToASCII`), IPv4 in dotted decimal, IPv6 in brackets.
 */

/**
 * The registrable domain ("eTLD+1") by the public-suffix list, private section
 * included: `user.github.io` and `x.blogspot.com` are registrable domains of their own,
 * so a domain entry for one blog never blocks the whole hosting platform.
 * An IP address is its own registrable domain. Null for a public suffix or a
 * single-label name (`co.uk`, `localhost`).
 */
export function registrableDomain(host: string): string | null {
  if (isIpHost(host)) return host;
  return getDomain(host, { allowPrivateDomains: true });
}

export function isIpHost(host: string): boolean {
  return isIP(host) === 4 || (host.startsWith('[') && host.endsWith(']') && isIP(host.slice(1, -1)) === 6);
}

/**
 * The `www.` rule, an explicit decision: a leading `www.` label is dropped, repeatedly,
 * as long as what remains still contains a registrable domain. So `www.example.com`
 * and `example.com` are one site, but `www.com` and `www.co.uk` (where `www` is part
 * of the registrable domain) are kept. Only the exact label `www`: `www2.`, `m.` and
 * other subdomains are different hosts.
 */
export function dropWww(host: string): string {
  while (host.startsWith('www.') && !isIpHost(host) && registrableDomain(host.slice(4)) !== null) host = host.slice(4);
  return host;
}
