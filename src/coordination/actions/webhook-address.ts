import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ConcordError } from '../../errors/concord-error.js';
import { checkOutboundUrl } from '../../exchange/outbound/outbound-url.js';
import type { HttpClient } from '../../exchange/outbound/outbound-http.js';

/**
 * Addresses a webhook may not point at: loopback, private networks, link-local (cloud
 * metadata services live there), carrier-grade NAT, multicast and unspecified. A rule
 * pointing a webhook there would make this node a way into its own network.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? PRIVATE.check(mapped[1]!, 'ipv4') : PRIVATE.check(address, 'ipv6');
  }
  return true; // not an address: refuse
}

/**
 * Checks a webhook URL: the outbound rules (http(s), no credentials: OUTBOUND_URL_REFUSED
 * is reported as WEBHOOK_URL_REFUSED), then every address its host resolves to must be
 * public unless `allowPrivate` (tests with a receiver on 127.0.0.1).
 */
export async function checkWebhookUrl(input: string, allowPrivate: boolean, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<URL> {
  let url: URL;
  try {
    url = checkOutboundUrl(input, 'the webhook URL');
  } catch (err) {
    throw new ConcordError('WEBHOOK_URL_REFUSED', (err as Error).message);
  }
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolve(host).catch(() => [] as string[]);
  if (addresses.length === 0) throw new ConcordError('WEBHOOK_URL_REFUSED', `the webhook host ${host} does not resolve`);
  const inner = addresses.find(isPrivateAddress);
  if (inner) throw new ConcordError('WEBHOOK_URL_REFUSED', `the webhook host ${host} is a loopback or private address (${inner}); webhooks go to public addresses only`);
  return url;
}

const resolveAll = async (host: string): Promise<string[]> => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * The HTTP client for webhooks: the node's outbound client (no redirects) behind the
 * address check, made again at every delivery so a name that now resolves inward is refused.
 */
export function webhookHttp(outbound: HttpClient, allowPrivate: boolean): HttpClient {
  return async (input, init) => {
    const url = await checkWebhookUrl(String(input), allowPrivate);
    return outbound(url, init);
  };
}
