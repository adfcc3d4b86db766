import { fail, ok, type Result } from '../../errors/result.js';
import { describeValue } from '../describe-value.js';
import { encodeFingerprint } from './chromaprint-compression.js';
import { parseChromaprint } from './chromaprint-value.js';

/**
 * The stored form of an `audio_chromaprint_narrowband` value: `nb1.` then the items in
 * fpcalc's compressed base64url form (algorithm TEST2 header). The prefix keeps it from
 * being mistaken for an fpcalc fingerprint: its items come from the 320–3200 Hz band only.
 *
 * @example
 *   encodeNarrowband(items);   // 'nb1.AQAAO0mSRJKS…'
 */
export const NARROWBAND_PREFIX = 'nb1.';

export const encodeNarrowband = (items: Uint32Array): string => NARROWBAND_PREFIX + encodeFingerprint(items);

/** Parses and normalises a value, or says why it is not one. */
export function parseNarrowband(raw: string): Result<{ value: string; items: Uint32Array }> {
  const text = raw.trim();
  if (!text.toLowerCase().startsWith(NARROWBAND_PREFIX)) {
    return fail('SIGNAL_VALUE_INVALID', `audio_chromaprint_narrowband must be "${NARROWBAND_PREFIX}" and a compressed fingerprint; got ${describeValue(raw)}`);
  }
  const parsed = parseChromaprint(text.slice(NARROWBAND_PREFIX.length));
  if (!parsed.ok) return fail('SIGNAL_VALUE_INVALID', parsed.message.replace(/^audio_chromaprint must be an fpcalc fingerprint string/, `audio_chromaprint_narrowband must be "${NARROWBAND_PREFIX}" and a compressed fingerprint`));
  return ok({ value: NARROWBAND_PREFIX + parsed.value.value, items: parsed.value.items });
}

const cache = new Map<string, Uint32Array>();
const CACHE_SIZE = 512;

/** Decoded items of validated values, cached: brute-force scans compare the same values many times. */
export function narrowbandItemsOf(value: string): Uint32Array {
  let items = cache.get(value);
  if (!items) {
    const parsed = parseNarrowband(value);
    if (!parsed.ok) throw new RangeError(parsed.message);
    items = parsed.value.items;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(value, items);
  }
  return items;
}
