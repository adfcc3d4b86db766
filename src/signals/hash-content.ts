import { ConcordError } from '../errors/concord-error.js';
import type { ContentSource } from './content-source.js';
import type { SignalRegistry } from './signal-registry.js';
import type { HashedSignal, HashOptions } from './signal-type.js';

/**
 * Computes every registered signal that applies to the content. Fails as a whole with
 * the first coded error: a file whose media is corrupt is reported, not half-hashed.
 */
export async function hashContent(registry: SignalRegistry, content: ContentSource, options: HashOptions = {}): Promise<HashedSignal[]> {
  const hashers = registry.hashersFor(content.contentType);
  if (content.contentType === 'file' || hashers.length === 0) {
    throw new ConcordError('MEDIA_UNSUPPORTED', 'not a media format Concord hashes (JPEG, PNG, WebP, GIF, TIFF, AVIF)');
  }
  const signals: HashedSignal[] = [];
  for (const type of hashers) signals.push(await type.hash!(content, options));
  return signals;
}
