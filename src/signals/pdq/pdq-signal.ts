import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { Hash256SignalIndex } from '../../index/hash256-signal-index.js';
import type { ContentSource } from '../content-source.js';
import { describeValue as describe } from '../describe-value.js';
import { hexHamming } from '../hex-hamming.js';
import type { HashedSignal, HashOptions, SignalType } from '../signal-type.js';
import { PDQ_MIN_SIDE, pdqHash } from './pdq-hasher.js';

/** Hashes under this quality are too flat to trust: reported, never matched. */
export const PDQ_MIN_QUALITY = 50;
/** Meta's recommended match threshold for PDQ. */
export const PDQ_THRESHOLD = 31;
const PDQ_HEX = /^[0-9a-f]{64}$/;

/** `pdq`: Meta's perceptual image hash, 256 bits as 64 hex characters. */
export const pdqSignal: SignalType = {
  name: 'pdq',
  contentTypes: ['photo'],
  threshold: PDQ_THRESHOLD,
  maxDistance: 256,
  validate(raw: string): Result<string> {
    const value = raw.trim().toLowerCase();
    if (PDQ_HEX.test(value)) return ok(value);
    return fail('SIGNAL_VALUE_INVALID', `pdq must be 64 hex characters, got ${describe(raw)}`);
  },
  distance: hexHamming,
  createIndex: () => new Hash256SignalIndex(),
  async hash(content: ContentSource, options: HashOptions): Promise<HashedSignal> {
    const image = await content.image();
    if (image.width < PDQ_MIN_SIDE || image.height < PDQ_MIN_SIDE) {
      throw new ConcordError('MEDIA_TOO_SMALL', `image is ${image.width}×${image.height}; PDQ needs at least ${PDQ_MIN_SIDE}×${PDQ_MIN_SIDE}`);
    }
    const result = pdqHash(image, { dihedral: options.dihedral === true });
    const signal: HashedSignal = { type: 'pdq', value: result.hash, quality: result.quality, matchable: result.quality >= PDQ_MIN_QUALITY };
    if (!result.dihedral) return signal;
    return {
      ...signal,
      details: { dihedral: result.dihedral },
      alternates: Object.entries(result.dihedral).map(([name, value]) => ({ name, value })),
    };
  },
};
