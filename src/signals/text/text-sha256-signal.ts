import { createHash } from 'node:crypto';
import { fail, ok, type Result } from '../../errors/result.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType } from '../signal-type.js';
import { ExactSignalIndex } from '../../index/exact-signal-index.js';
import { normalisedTextOf } from './text-content.js';
import { describeValue as preview } from '../describe-value.js';

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * `text_sha256`: SHA-256 of the normalised text's UTF-8 bytes, 64 lowercase hex
 * characters. Matches exact re-posts, including ones disguised by look-alike letters,
 * invisible characters, spacing, punctuation or case. Every text gets it, short or long.
 */
export const textSha256Signal: SignalType = {
  name: 'text_sha256',
  contentTypes: ['text', 'document'],
  threshold: 0,
  maxDistance: 0,
  validate(raw: string): Result<string> {
    const value = raw.trim().toLowerCase();
    if (HEX_64.test(value)) return ok(value);
    return fail('SIGNAL_VALUE_INVALID', `text_sha256 must be 64 hex characters, got ${preview(raw)}`);
  },
  distance: (a, b) => (a === b ? 0 : 1),
  createIndex: () => new ExactSignalIndex(),
  async hash(content: ContentSource): Promise<HashedSignal> {
    const text = await normalisedTextOf(content);
    return { type: 'text_sha256', value: createHash('sha256').update(text, 'utf8').digest('hex'), matchable: true };
  },
};
