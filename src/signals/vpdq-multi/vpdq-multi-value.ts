import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { HASH256_WORDS, hexToWords } from '../../index/hash256.js';
import { describeValue } from '../describe-value.js';
import { VPDQ_MAX_FRAMES } from '../vpdq/vpdq-frame.js';
import { VIDEO_SLOTS, VM1_SLOTS, type VideoSlot } from './vpdq-multi-slots.js';

/** One frame of a `vpdq_multi` value: when it was taken and the hashes of its slots. */
export interface MultiFrame {
  /** Milliseconds from the start of the video. */
  readonly ms: number;
  readonly slots: readonly { readonly slot: VideoSlot; readonly hash: string }[];
}

/**
 * The stored form: `vm1` then, per frame, `.` + timestamp in ms (8 hex) + slot mask
 * (2 hex, bit k = VIDEO_SLOTS[k]) + each present slot's 64-hex hash in slot order.
 * Hex, so the value is one case-insensitive token; about 170 bytes a frame.
 * A value holding the active region (`a`, bit 5) starts `vm2` instead: a node that knows
 * only `vm1` refuses it with a coded error rather than reading an unknown slot, and every
 * value without it stays the `vm1` value it was.
 *
 * @example
 *   formatMultiFrames([{ ms: 1000, slots: [{ slot: 'f', hash: 'dadb…' }] }]);   // 'vm1.000003e801dadb…'
 */
export const VPDQ_MULTI_PREFIX = 'vm1';
/** The prefix of a value with an active-region slot in some frame. */
export const VPDQ_MULTI_ACTIVE_PREFIX = 'vm2';
const HEAD = 10;
const MAX_CHARS = VPDQ_MULTI_PREFIX.length + VPDQ_MAX_FRAMES * (1 + HEAD + 64 * VIDEO_SLOTS.length);
const FRAME = /^[0-9a-f]+$/;

export function formatMultiFrames(frames: readonly MultiFrame[]): string {
  let all = 0;
  const parts = frames.map((f) => {
    let mask = 0;
    for (const { slot } of f.slots) mask |= 1 << VIDEO_SLOTS.indexOf(slot);
    all |= mask;
    const ordered = [...f.slots].sort((a, b) => VIDEO_SLOTS.indexOf(a.slot) - VIDEO_SLOTS.indexOf(b.slot));
    return f.ms.toString(16).padStart(8, '0') + mask.toString(16).padStart(2, '0') + ordered.map((s) => s.hash).join('');
  });
  return [all >> VM1_SLOTS ? VPDQ_MULTI_ACTIVE_PREFIX : VPDQ_MULTI_PREFIX, ...parts].join('.');
}

/**
 * Frames of a value in any case, or why it is not one: at least one frame, times strictly
 * increasing, each with a slot its prefix has. A `vm2` value without an active region is
 * read too (formatting gives it back as `vm1`).
 */
export function parseMultiFrames(raw: string): Result<MultiFrame[]> {
  const text = raw.trim().toLowerCase();
  const bad = (why: string) => fail<never>('SIGNAL_VALUE_INVALID', `vpdq_multi ${why}; got ${describeValue(raw)}`);
  if (text.length > MAX_CHARS) return bad(`is longer than ${MAX_CHARS} characters`);
  const [prefix, ...parts] = text.split('.');
  if (prefix !== VPDQ_MULTI_PREFIX && prefix !== VPDQ_MULTI_ACTIVE_PREFIX) return bad(`must start with "${VPDQ_MULTI_PREFIX}." or "${VPDQ_MULTI_ACTIVE_PREFIX}." followed by frames of hex`);
  const slotCount = prefix === VPDQ_MULTI_PREFIX ? VM1_SLOTS : VIDEO_SLOTS.length;
  if (parts.length === 0) return bad('holds no frames');
  if (parts.length > VPDQ_MAX_FRAMES) return bad(`holds ${parts.length} frames, over ${VPDQ_MAX_FRAMES}`);
  const frames: MultiFrame[] = [];
  let previous = -1;
  for (const [i, part] of parts.entries()) {
    const at = `frame ${i + 1}`;
    if (!FRAME.test(part) || part.length < HEAD + 64) return bad(`${at} must be a timestamp, a slot mask and at least one 64-hex hash`);
    const ms = parseInt(part.slice(0, 8), 16);
    const mask = parseInt(part.slice(8, 10), 16);
    if (ms <= previous) return bad(`${at}: timestamp ${ms} ms does not follow ${previous} ms`);
    if (mask === 0 || mask >> slotCount) return bad(`${at}: slot mask ${mask} names no slot or one ${prefix} does not have`);
    const slots = VIDEO_SLOTS.filter((_, k) => mask & (1 << k));
    if (part.length !== HEAD + 64 * slots.length) return bad(`${at}: ${slots.length} slots need ${HEAD + 64 * slots.length} hex digits, not ${part.length}`);
    frames.push({ ms, slots: slots.map((slot, k) => ({ slot, hash: part.slice(HEAD + 64 * k, HEAD + 64 * (k + 1)) })) });
    previous = ms;
  }
  return ok(frames);
}

/** A value laid out for matching: every slot hash as words, with its frame and slot. */
export interface PackedFrames {
  /** Timestamp of each frame, ms. */
  readonly ms: Uint32Array;
  /** Per slot hash: its frame (index into `ms`) and slot (index into VIDEO_SLOTS). */
  readonly frameOf: Uint32Array;
  readonly slotOf: Uint8Array;
  /** HASH256_WORDS words per slot hash. */
  readonly words: Uint32Array;
  readonly hashes: readonly string[];
}

const cache = new Map<string, PackedFrames>();
const CACHE_SIZE = 256;

/** The packed frames of a validated value, cached (brute-force scans unpack the same values many times). */
export function packedOf(value: string): PackedFrames {
  let packed = cache.get(value);
  if (!packed) {
    const parsed = parseMultiFrames(value);
    if (!parsed.ok) throw new ConcordError('SIGNAL_VALUE_INVALID', parsed.message);
    packed = pack(parsed.value);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(value, packed);
  }
  return packed;
}

function pack(frames: readonly MultiFrame[]): PackedFrames {
  const count = frames.reduce((n, f) => n + f.slots.length, 0);
  const ms = Uint32Array.from(frames, (f) => f.ms);
  const frameOf = new Uint32Array(count);
  const slotOf = new Uint8Array(count);
  const words = new Uint32Array(count * HASH256_WORDS);
  const hashes: string[] = [];
  let k = 0;
  frames.forEach((f, i) => {
    for (const { slot, hash } of f.slots) {
      frameOf[k] = i;
      slotOf[k] = VIDEO_SLOTS.indexOf(slot);
      hexToWords(hash, words, k * HASH256_WORDS);
      hashes.push(hash);
      k++;
    }
  });
  return { ms, frameOf, slotOf, words, hashes };
}
