import { BlockList, isIP } from 'node:net';
import { ConcordError } from '../errors/concord-error.js';

/** Loopback: the one kind of special address a source marked as a local test site may use. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Every special-use range (IANA IPv4 and IPv6 Special-Purpose Address Registries, plus
 * multicast and reserved space): nothing the monitor may reach on behalf of a URL
 * someone typed in. BlockList also applies the IPv4 rules to IPv4-mapped IPv6
 * (::ffff:a.b.c.d), so `[::ffff:169.254.169.254]` is refused like 169.254.169.254.
 */
const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['64:ff9b::', 96], // NAT64: would reach an IPv4 address we have not checked
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) SPECIAL.addSubnet(net, prefix, 'ipv6');

export type AddressVerdict = 'public' | 'loopback' | 'special';

/** What kind of address an IP literal is. */
export function classifyAddress(ip: string): AddressVerdict {
  const family = isIP(ip);
  if (family === 0) return 'special';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  if (family === 6 && /^::ffff:/i.test(ip) && LOOPBACK.check(ip, 'ipv6')) return 'loopback';
  return SPECIAL.check(ip, type) ? 'special' : 'public';
}

/**
 * Refuses an address the monitor may not connect to: every special-use address, except
 * loopback for a source marked as a local test site.
 *
 * @example
 *   checkAddress('93.184.216.34', false);   // fine
 *   checkAddress('127.0.0.1', false);       // throws SOURCE_ADDRESS_REFUSED
 *   checkAddress('127.0.0.1', true);        // fine: a local test site
 *   checkAddress('169.254.169.254', true);  // throws: only loopback is local
 */
export function checkAddress(ip: string, localTestSite: boolean, host = ip): void {
  const verdict = classifyAddress(ip);
  if (verdict === 'public' || (verdict === 'loopback' && localTestSite)) return;
  throw new ConcordError('SOURCE_ADDRESS_REFUSED', `${host} resolves to ${ip}, a ${verdict === 'loopback' ? 'loopback' : 'private or special-use'} address${verdict === 'loopback' ? ' (allowed only for a source marked as a local test site)' : ''}`);
}
