import { fail, ok, type Result } from '../../errors/result.js';
import { ExactSignalIndex } from '../../index/exact-signal-index.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { canonicalUrlOf } from './url-content.js';
import { describeValue as preview } from '../describe-value.js';
import { isIpHost, registrableDomain } from './url-host.js';

/**
 * `domain`: the registrable domain of a URL's host by the public-suffix list
 * (url-host.ts), lowercase punycode, or the host itself for an IP address. An entry
 * matches every URL on that domain and all its subdomains, so adding one is an explicit,
 * labelled decision (the list's job); this type only computes and compares.
 *
 * @example
 *   domainSignal.validate('Bücher.Example.CO.UK');   // rejected: a subdomain (did you mean example.co.uk?)
 *   domainSignal.validate('xn--bcher-kva.de.');      // ok: 'xn--bcher-kva.de'
 */
export const domainSignal: SignalType = {
  name: 'domain',
  contentTypes: ['url'],
  threshold: 0,
  maxDistance: 0,
  validate: validateDomain,
  distance: (a, b) => (a === b ? 0 : 1),
  // A whole-domain entry covers every URL on the host: reported after exact and prefix hits.
  matchScope: () => 'domain',
  createIndex: () => new ExactSignalIndex(),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    const { host } = await canonicalUrlOf(content);
    const domain = registrableDomain(host);
    if (domain === null) return { type: 'domain', skipped: `the host "${host}" has no registrable domain (a public suffix or a single-label name)` };
    return { type: 'domain', value: domain, matchable: true };
  },
};

function validateDomain(raw: string): Result<string> {
  const input = raw.trim().toLowerCase();
  const invalid = (why: string) => fail<string>('SIGNAL_VALUE_INVALID', `domain: ${why}, got ${preview(raw)}`);
  if (input === '' || /[\s/?#@,]/.test(input)) return invalid('expected a domain name such as example.com, not a URL');
  if (!input.startsWith('[') && input.includes(':')) return invalid('expected a domain name without a port or scheme (IPv6 addresses go in brackets)');
  let host: string;
  try {
    host = new URL(`https://${input}/`).hostname.replace(/\.+$/, '');
  } catch {
    return invalid('not a valid host name');
  }
  if (host === '') return invalid('not a valid host name');
  if (isIpHost(host)) return ok(host);
  const domain = registrableDomain(host);
  if (domain === null) return invalid('a public suffix or single-label name is not a registrable domain');
  if (domain !== host) return invalid(`a subdomain; domain entries are registrable domains (did you mean ${domain}?)`);
  return ok(domain);
}
