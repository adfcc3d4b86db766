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

/** A short, safe description of a rejected signal string for an error message. */
export function preview(raw: string): string {
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return `${raw.length} characters ("${shown}")`;
}
