import { toConcordError } from '../../src/errors/concord-error.js';
import { ContentSource, type MediaPorts } from '../../src/signals/content-source.js';
import { hashContent } from '../../src/signals/hash-content.js';
import type { SignalRegistry } from '../../src/signals/signal-registry.js';
import { isSkipped, type HashedSignal, type HashOptions } from '../../src/signals/signal-type.js';
import { inPool } from './robustness-ffmpeg.js';
import type { MediaItem } from './robustness-item.js';

/** One item's signals, decoded and hashed once and then compared many times. */
export interface HashedItem {
  readonly kind: MediaItem['kind'];
  readonly original: string;
  readonly transform: string;
  /** The content type the bytes were sniffed as. */
  readonly contentType: string;
  readonly signals: ReadonlyMap<string, HashedSignal>;
  /** Types that apply to the content but gave no value, with why (skipped, or the error code and message). */
  readonly problems: ReadonlyMap<string, string>;
  readonly ms: number;
}

// Every type gets the dihedral option; those it does not apply to ignore it (HashOptions).
const OPTIONS: HashOptions = { dihedral: true };

/**
 * Hashes each item through the registry, as `concord hash` does (hashContent). When
 * hashContent fails as a whole, each type is retried on its own so one type's failure
 * (a soundtrack too short, say) is reported against that type only.
 */
export async function hashItems(registry: SignalRegistry, ports: MediaPorts, items: readonly MediaItem[], onDone?: (done: number) => void): Promise<HashedItem[]> {
  let done = 0;
  const tasks = items.map((item) => async (): Promise<HashedItem> => {
    const start = performance.now();
    const content = new ContentSource(item.bytes, ports);
    const signals = new Map<string, HashedSignal>();
    const problems = new Map<string, string>();
    try {
      const hashed = await hashContent(registry, content, OPTIONS);
      for (const s of hashed.signals) signals.set(s.type, s);
      for (const s of hashed.skipped) problems.set(s.type, `skipped: ${s.skipped}`);
    } catch {
      for (const type of registry.hashersFor(content.contentType)) {
        try {
          const result = await type.hash!(content, OPTIONS);
          if (isSkipped(result)) problems.set(type.name, `skipped: ${result.skipped}`);
          else signals.set(type.name, result);
        } catch (err) {
          const coded = toConcordError(err);
          problems.set(type.name, `${coded.code}: ${coded.message}`);
        }
      }
      if (signals.size === 0 && problems.size === 0) problems.set('*', `no signal type hashes ${content.contentType} content`);
    }
    onDone?.(++done);
    return { kind: item.kind, original: item.original, transform: item.transform, contentType: content.contentType, signals, problems, ms: performance.now() - start };
  });
  return inPool(tasks, 2);
}
