import { ConcordError } from '../../errors/concord-error.js';
import type { ContentSource } from '../content-source.js';
import { canonicaliseUrl, type CanonicalUrl } from './url-canonical.js';

/**
 * The content's canonical URL, computed once and shared by every URL signal. Content is
 * never a prefix entry. Throws URL_INVALID, with the reason, when it does not parse.
 */
export async function canonicalUrlOf(content: ContentSource): Promise<CanonicalUrl> {
  const result = await content.memo('url:canonical:v1', async () => canonicaliseUrl(content.text()));
  if (!result.ok) throw new ConcordError(result.code, result.message);
  return result.value;
}

