import { ConcordError } from '../errors/concord-error.js';
import type { ContentSource } from './content-source.js';
import type { SignalRegistry } from './signal-registry.js';
import { isSkipped, type HashedSignal, type HashOptions, type SkippedSignal } from './signal-type.js';

/**
 * Computes every registered signal that applies to the content. Fails as a whole with
 * the first coded error: a file whose media is corrupt is reported, not half-hashed.
 */
export interface HashedContent {
  readonly signals: HashedSignal[];
  /** Types that apply to this content type but not to this content, with the reason. */
  readonly skipped: SkippedSignal[];
}

export async function hashContent(registry: SignalRegistry, content: ContentSource, options: HashOptions = {}): Promise<HashedContent> {
  const hashers = registry.hashersFor(content.contentType);
  if (content.contentType === 'file' || hashers.length === 0) {
    throw new ConcordError('MEDIA_UNSUPPORTED', 'not a format Concord hashes: images (JPEG, PNG, WebP, GIF, TIFF, AVIF), video and audio containers ffmpeg reads, UTF-8 text, or PDF with a text layer');
  }
  // Concurrently: a video's frames and its soundtrack decode in two ffmpeg processes at once.
  // Under the node's gate, so a burst of uploads holds at most its limit of decodes in memory.
  const hashAll = () => Promise.all(hashers.map((type) => type.hash!(content, options)));
  const results = await (content.ports.decodeGate ? content.ports.decodeGate.run(hashAll) : hashAll());
  const signals: HashedSignal[] = [];
  const skipped: SkippedSignal[] = [];
  for (const result of results) {
    if (isSkipped(result)) skipped.push(result);
    else signals.push(result);
  }
  return { signals, skipped };
}
