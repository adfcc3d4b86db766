import { fail, ok, type Result } from '../../errors/result.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType } from '../signal-type.js';
import { canonicaliseUrl } from './url-canonical.js';
import { canonicalUrlOf } from './url-content.js';
import { UrlIndex } from './url-index.js';
import { urlDistance } from './url-prefix.js';

/**
 * `url`: the canonical URL (url-canonical.ts), or a path prefix entry ending in `/*`
 * (url-prefix.ts). Distance 0 is the same URL, 1 a prefix entry covering it; both
 * match. Registrable-domain entries are the separate `domain` signal.
 *
 * @example
 *   urlSignal.validate('HTTP://www.Example.com/a/?utm_source=x');   // ok: 'https://example.com/a'
 *   urlSignal.validate('https://example.com/forum/*');              // ok: a prefix entry
 */
export const urlSignal: SignalType = {
  name: 'url',
  contentTypes: ['url'],
  threshold: 1,
  maxDistance: 1,
  validate(raw: string): Result<string> {
    const result = canonicaliseUrl(raw, { allowPrefix: true });
    if (result.ok) return ok(result.value.value);
    return fail('SIGNAL_VALUE_INVALID', `url: ${result.message}`);
  },
  distance: urlDistance,
  matchScope: (distance) => (distance === 0 ? 'exact' : 'prefix'),
  createIndex: () => new UrlIndex(),
  async hash(content: ContentSource): Promise<HashedSignal> {
    const url = await canonicalUrlOf(content);
    return {
      type: 'url',
      value: url.value,
      matchable: true,
      ...(url.originalScheme === 'http' ? { details: { scheme: 'http' } } : {}),
    };
  },
};
