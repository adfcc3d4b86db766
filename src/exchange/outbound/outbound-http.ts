import { ConcordError } from '../../errors/concord-error.js';
import { checkOutboundUrl } from './outbound-url.js';

/**
 * The HTTP client this node calls partners and TAXII servers with: fetch's shape, so a
 * test can hand in its own, and the composition root hands in `outboundHttp()`.
 */
export type HttpClient = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Wraps fetch with the rules for calls leaving the node: http(s) only, and redirects are
 * never followed. A partner URL that redirects could otherwise point this node at an
 * internal address and have the answer stored where auditors read it; a 3xx answer is
 * OUTBOUND_REDIRECT_REFUSED, its body discarded unread.
 *
 * @example
 *   const http = outboundHttp();
 *   const res = await http('https://partner.example/v1/feed?after=0');
 */
export function outboundHttp(base: typeof fetch = fetch): HttpClient {
  return async (input, init) => {
    const url = checkOutboundUrl(input);
    const res = await base(url, { ...init, redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new ConcordError('OUTBOUND_REDIRECT_REFUSED', `${url.origin} answered HTTP ${res.status} (a redirect); redirects are not followed`);
    }
    return res;
  };
}

/**
 * A short, safe text for a stored error: one line, no control characters, at most `max`
 * characters. Stored errors never carry a remote answer's body; this bounds what remains.
 */
export function errorSummary(text: string, max = 200): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
