import { ConcordError, toConcordError } from '../errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../signals/content-source.js';
import { hashContent } from '../signals/hash-content.js';
import type { SignalRegistry } from '../signals/signal-registry.js';
import { isSkipped, type HashedSignal } from '../signals/signal-type.js';
import { timed, type PhaseTimings } from './phase-timings.js';

/** The signals of one fetched resource, and the coded error if part of it could not be hashed. */
export interface Hashed {
  readonly signals: HashedSignal[];
  readonly error?: ConcordError;
}

/** The file digests (md5, sha256) of any bytes: what still identifies a file no decoder reads. */
async function byteDigests(registry: SignalRegistry, content: ContentSource): Promise<HashedSignal[]> {
  const results = await Promise.all(registry.hashersFor('file').map((t) => t.hash!(content, {})));
  return results.filter((r): r is HashedSignal => !isSkipped(r));
}

/**
 * Every signal that applies to fetched media: decoded first (timed apart from hashing,
 * for the benchmark's shares), then hashed. Media that fails to decode still gets its
 * file digests, with the decoder's coded error beside them.
 */
export async function hashMedia(registry: SignalRegistry, ports: MediaPorts, content: ContentSource, timings: PhaseTimings): Promise<Hashed> {
  if (content.contentType === 'file') return { signals: await timed(timings, 'hash', () => byteDigests(registry, content)) };
  try {
    // Decodes are memoised on the content: hashContent below reuses them.
    if (content.contentType === 'photo') await timed(timings, 'decode', () => content.image());
    if (content.contentType === 'document') await timed(timings, 'decode', () => content.documentText());
    const { signals } = await timed(timings, 'hash', () => hashContent(registry, content));
    return { signals };
  } catch (err) {
    return { signals: await timed(timings, 'hash', () => byteDigests(registry, content)), error: toConcordError(err) };
  }
}

/** The text signals of a page's visible text; an empty page has none. */
export async function hashText(registry: SignalRegistry, ports: MediaPorts, text: string, timings: PhaseTimings): Promise<Hashed> {
  if (text.trim().length === 0) return { signals: [] };
  try {
    const { signals } = await timed(timings, 'hash', () => hashContent(registry, ContentSource.fromText(text, ports)));
    return { signals };
  } catch (err) {
    return { signals: [], error: toConcordError(err) };
  }
}

/** The URL signals (url, its digests, domain) of a URL where content was seen. */
export async function hashUrl(registry: SignalRegistry, ports: MediaPorts, url: string, timings: PhaseTimings): Promise<Hashed> {
  try {
    const { signals } = await timed(timings, 'hash', () => hashContent(registry, ContentSource.fromUrl(url, ports)));
    return { signals };
  } catch (err) {
    return { signals: [], error: toConcordError(err) };
  }
}
