/** TAXII 2.1 media types and limits. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** Objects per page when the client gives no `limit`, and the most it may ask for. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/**
 * Whether an Accept header allows a TAXII 2.1 response. No header, wildcards and plain
 * JSON are accepted too: curl and browsers should not need the exact media type.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type === '*/*' || type === 'application/*' || type === 'application/json') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version === 'version=2.1';
  });
}
