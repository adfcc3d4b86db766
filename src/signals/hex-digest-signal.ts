import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../errors/result.js';
import { ExactSignalIndex } from '../index/exact-signal-index.js';
import type { ContentSource } from './content-source.js';
import { describeValue as describe } from './describe-value.js';
import type { ContentType } from './content-type.js';
import type { HashedSignal, SignalType } from './signal-type.js';

/** Content types that arrive as bytes, so a file digest applies to all of them. */
export const BYTE_CONTENT_TYPES: readonly ContentType[] = ['photo', 'video', 'audio', 'file', 'document'];

/**
 * A cryptographic digest of the exact bytes: matches only identical files.
 * md5 is kept for interoperability with existing hash lists (GIFCT, NCMEC), not for security.
 */
export function hexDigestSignal(name: string, algorithm: 'md5' | 'sha256', hexLength: number): SignalType {
  const pattern = new RegExp(`^[0-9a-f]{${hexLength}}$`);
  return {
    name,
    contentTypes: BYTE_CONTENT_TYPES,
    threshold: 0,
    maxDistance: 0,
    validate(raw: string): Result<string> {
      const value = raw.trim().toLowerCase();
      if (pattern.test(value)) return ok(value);
      return fail('SIGNAL_VALUE_INVALID', `${name} must be ${hexLength} hex characters, got ${describe(raw)}`);
    },
    distance: (a, b) => (a === b ? 0 : 1),
    createIndex: () => new ExactSignalIndex(),
    async hash(content: ContentSource): Promise<HashedSignal> {
      const value = createHash(algorithm).update(content.bytes).digest('hex');
      return { type: name, value, matchable: true };
    },
  };
}

