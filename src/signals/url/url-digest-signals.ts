import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../errors/result.js';
import { ExactSignalIndex } from '../../index/exact-signal-index.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType } from '../signal-type.js';
import { canonicalUrlOf } from './url-content.js';
import { describeValue as preview } from '../describe-value.js';
import { threatExchangeUrlForm } from './url-threatexchange.js';

function urlDigestSignal(name: string, algorithm: 'sha256' | 'md5', hexLength: number, form: (content: ContentSource) => Promise<string>): SignalType {
  const pattern = new RegExp(`^[0-9a-f]{${hexLength}}$`);
  return {
    name,
    contentTypes: ['url'],
    threshold: 0,
    maxDistance: 0,
    validate(raw: string): Result<string> {
      const value = raw.trim().toLowerCase();
      if (pattern.test(value)) return ok(value);
      return fail('SIGNAL_VALUE_INVALID', `${name} must be ${hexLength} hex characters, got ${preview(raw)}`);
    },
    distance: (a, b) => (a === b ? 0 : 1),
    createIndex: () => new ExactSignalIndex(),
    async hash(content: ContentSource): Promise<HashedSignal> {
      const text = await form(content);
      return { type: name, value: createHash(algorithm).update(text, 'utf8').digest('hex'), matchable: true };
    },
  };
}

/**
 * `url_sha256`: SHA-256 of the canonical URL, for sharing a URL without showing it.
 * Matches what `url` matches exactly; prefix entries have no digest form.
 */
export const urlSha256Signal = urlDigestSignal('url_sha256', 'sha256', 64, async (content) => (await canonicalUrlOf(content)).value);

/**
 * `url_md5`: ThreatExchange's URL MD5, accepted from and computed for ThreatExchange
 * lists. It hashes ThreatExchange's own light normalisation (url-threatexchange.ts),
 * not Concord's canonical URL, because that is what its lists contain; the content must
 * still be a URL Concord can canonicalise.
 */
export const urlMd5Signal = urlDigestSignal('url_md5', 'md5', 32, async (content) => {
  await canonicalUrlOf(content);
  return threatExchangeUrlForm(content.text());
});
