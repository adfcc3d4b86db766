import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { describeValue } from '../describe-value.js';
import { frameListProblem, toMillis, VPDQ_MAX_FRAMES, type VpdqFrame } from './vpdq-frame.js';
import { parseVpdqLines } from './vpdq-lines.js';
import { parseThreatExchangeVpdq } from './vpdq-threatexchange.js';

/**
 * The stored form of a `vpdq` value: `v1.` then, per frame, 82 lowercase hex digits —
 * PDQ (64), quality (2), frame index (8, big-endian uint32), timestamp in ms (8). Hex
 * keeps it one case-insensitive token with the PDQ hashes readable in place; 41 bytes
 * a frame, so a minute at one frame a second is about 4.9 KB.
 *
 * @example
 *   encodeVpdq([{ index: 0, quality: 100, pdq: 'dadb…', timestamp: 0 }]);   // 'v1.dadb…640000000000000000'
 */
export const VPDQ_PREFIX = 'v1.';
const FRAME_HEX = 64 + 2 + 8 + 8;
const MAX_CHARS = VPDQ_PREFIX.length + VPDQ_MAX_FRAMES * FRAME_HEX;
const LOWER_HEX = /^[0-9a-f]*$/;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** The compact value of a frame list that `frameListProblem` accepts. */
export function encodeVpdq(frames: readonly VpdqFrame[]): string {
  const parts = frames.map((f) => f.pdq + f.quality.toString(16).padStart(2, '0') + hex8(f.index) + hex8(toMillis(f.timestamp)));
  return VPDQ_PREFIX + parts.join('');
}

/** Frames of a compact value, or why it is not one. */
function decodeCompact(text: string): Result<VpdqFrame[]> {
  const bad = (why: string) => fail<never>('SIGNAL_VALUE_INVALID', `vpdq ${why}; got ${describeValue(text)}`);
  if (!text.startsWith(VPDQ_PREFIX)) return bad(`must be "${VPDQ_PREFIX}" and hex, a JSON array of "pdqHex,quality,timestamp" strings, or lines of "frameIndex,quality,pdqHex,timestamp"`);
  if (text.length > MAX_CHARS) return bad(`is longer than ${MAX_CHARS} characters`);
  const body = text.slice(VPDQ_PREFIX.length);
  if (!LOWER_HEX.test(body)) return bad(`must be hex after "${VPDQ_PREFIX}"`);
  if (body.length % FRAME_HEX !== 0) return bad(`must be ${FRAME_HEX} hex digits a frame, but ${body.length} is not a multiple`);
  const frames: VpdqFrame[] = [];
  for (let at = 0; at < body.length; at += FRAME_HEX) {
    frames.push({
      pdq: body.slice(at, at + 64),
      quality: parseInt(body.slice(at + 64, at + 66), 16),
      index: parseInt(body.slice(at + 66, at + 74), 16),
      timestamp: parseInt(body.slice(at + 74, at + 82), 16) / 1000,
    });
  }
  const problem = frameListProblem(frames);
  return problem ? bad(problem) : ok(frames);
}

/**
 * Normalises any accepted form to the compact value, with its frames: the compact value
 * itself (any case), the ThreatExchange JSON array, or the reference tool's lines.
 */
export function parseVpdq(raw: string): Result<{ value: string; frames: VpdqFrame[] }> {
  const text = raw.trim();
  let frames: Result<VpdqFrame[]>;
  if (text.startsWith('[') || text.startsWith('{')) frames = parseThreatExchangeVpdq(text);
  else if (text.includes(',')) frames = parseVpdqLines(text);
  else frames = decodeCompact(text.toLowerCase());
  if (!frames.ok) return frames;
  const problem = frameListProblem(frames.value);
  if (problem) return fail('SIGNAL_VALUE_INVALID', `vpdq ${problem}`);
  return ok({ value: encodeVpdq(frames.value), frames: frames.value });
}

/** Decoded frames of validated values, cached: brute-force scans decode the same values many times. */
const cache = new Map<string, VpdqFrame[]>();
const CACHE_SIZE = 256;

export function framesOf(value: string): VpdqFrame[] {
  let frames = cache.get(value);
  if (!frames) {
    const decoded = decodeCompact(value);
    if (!decoded.ok) throw new ConcordError('SIGNAL_VALUE_INVALID', decoded.message);
    frames = decoded.value;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(value, frames);
  }
  return frames;
}
