import { fail, ok, type Result } from '../../errors/result.js';
import { describeValue } from '../describe-value.js';
import { ALGORITHM_TEST2, decodeFingerprint, encodeFingerprint } from './chromaprint-compression.js';

/** Longest value accepted (≈ 4.5 hours of items), so a hostile list cannot exhaust memory. */
export const MAX_ITEMS = 1 << 17;
const MAX_CHARS = 4 * MAX_ITEMS;

/** Parses and normalises a signal value to the canonical fpcalc string, or says why not. */
export function parseChromaprint(raw: string): Result<{ value: string; items: Uint32Array }> {
  const text = raw.trim();
  const bad = (why: string) => fail<never>('SIGNAL_VALUE_INVALID', `audio_chromaprint must be an fpcalc fingerprint string: ${why}; got ${describeValue(raw)}`);
  if (text.length === 0) return bad('it is empty');
  if (text.length > MAX_CHARS) return bad(`longer than ${MAX_CHARS} characters`);
  const decoded = decodeFingerprint(text);
  if (!decoded.ok) return bad(decoded.reason);
  const { algorithm, items } = decoded.value;
  if (algorithm !== ALGORITHM_TEST2) return bad(`algorithm ${algorithm} is not TEST2 (1), the only one Concord computes`);
  if (items.length === 0) return bad('it holds no items');
  if (items.length > MAX_ITEMS) return bad(`it holds ${items.length} items, over ${MAX_ITEMS}`);
  return ok({ value: encodeFingerprint(items), items });
}

/** Decoded items of validated values, cached: brute-force scans compare the same values many times. */
const cache = new Map<string, Uint32Array>();
const CACHE_SIZE = 512;

export function itemsOf(value: string): Uint32Array {
  let items = cache.get(value);
  if (!items) {
    const parsed = parseChromaprint(value);
    if (!parsed.ok) throw new RangeError(parsed.message);
    items = parsed.value.items;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(value, items);
  }
  return items;
}
