import { ConcordError } from '../../errors/concord-error.js';

/**
 * Checks a URL this node will call out to (a partner node, a TAXII server): absolute,
 * http: or https:, no credentials in it. Anything else (`file:`, `gopher:`, `javascript:`,
 * `data:` …) is refused with OUTBOUND_URL_REFUSED before anything is stored or fetched.
 *
 * @example
 *   checkOutboundUrl('https://partner.example/');  // a URL
 *   checkOutboundUrl('file:///etc/passwd');        // throws OUTBOUND_URL_REFUSED
 */
export function checkOutboundUrl(input: string | URL, what = 'the URL'): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ConcordError('OUTBOUND_URL_REFUSED', `${what} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConcordError('OUTBOUND_URL_REFUSED', `${what} uses ${url.protocol}; only http: and https: are allowed`);
  if (url.username || url.password) throw new ConcordError('OUTBOUND_URL_REFUSED', `${what} carries credentials; give keys separately`);
  return url;
}
