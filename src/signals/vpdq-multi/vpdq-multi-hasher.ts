import type { MediaLimits } from '../../media/audio-decoder.js';
import type { VideoDecoder } from '../../media/video-decoder.js';
import { hashHex } from '../pdq/pdq-bits.js';
import { dct16 } from '../pdq/pdq-dct.js';
import { dihedralHashes } from '../pdq/pdq-dihedral.js';
import { pdqQuality } from '../pdq/pdq-quality.js';
import { lumaPlane, windowTo64, type LumaPlane, type Rect } from '../pdq-multi/pdq-multi-plane.js';
import { frameRegion } from './vpdq-multi-region.js';
import { isWindow, VIDEO_SLOTS, videoSlotRect, type VideoSlot } from './vpdq-multi-slots.js';
import type { MultiFrame } from './vpdq-multi-value.js';
import { VPDQ_MAX_FRAMES } from '../vpdq/vpdq-frame.js';

/**
 * Seconds between the frames a query looks up (`dense`): every frame up to 25 a second.
 * Measured: with a frame every 0.2 s a 1.25× copy of a fast-changing video (ffmpeg's
 * testsrc2) was missed, its nearest frames 2–3 frames off the known ones and 64–80 bits
 * away; the frame ffmpeg keeps for an instant moves by a frame or two under a speed change.
 */
export const DENSE_SECONDS = 0.04;
/** Most frames the dense lookup keeps (a value's own limit); a longer video's are thinned evenly. */
const MAX_DENSE = VPDQ_MAX_FRAMES;
/** Frames are scaled to this square by ffmpeg (area averaging): the slot hashes read a 64×64 reduction of each window. */
export const FRAME_SIDE = 256;
/** Slot hashes under this PDQ quality are left out: too flat to trust. */
export const SLOT_MIN_QUALITY = 50;

/** A hashed video: the stored frames (about one a second, every slot) and the query's lookups. */
export interface MultiVideo {
  /** The value's frames: the first frame of each second, with every slot of quality ≥ 50. */
  readonly frames: MultiFrame[];
  /** Every frame (up to 25 a second), whole frame and content region only: what a query looks up at other speeds. */
  readonly dense: MultiFrame[];
  /** The value's frames mirrored left to right, whole frame and content region. */
  readonly mirrored: MultiFrame[];
  /** Frames decoded and hashed. */
  readonly decoded: number;
}

/**
 * Hashes a video for `vpdq_multi`: ffmpeg hands over every frame (up to 25 a second) at 256×256;
 * each gets its whole-frame and content-region hash (the PDQ way, from one luma plane:
 * pdq-multi-plane.ts), and the first frame of each second also its centre windows.
 * Frames are hashed as they arrive and none is kept.
 *
 * @example
 *   const { frames, dense } = await hashMultiVideo(decoder, bytes, DEFAULT_MEDIA_LIMITS);
 *   frames[1].slots.map((s) => s.slot);   // ['f', 'c90', 'c80', 'c70']
 */
export async function hashMultiVideo(decoder: Pick<VideoDecoder, 'frames'>, bytes: Uint8Array, limits: MediaLimits): Promise<MultiVideo> {
  const frames: MultiFrame[] = [];
  const dense: MultiFrame[] = [];
  const mirrored: MultiFrame[] = [];
  const buf = new Float32Array(64 * 64);
  let second = -1;
  let decoded = 0;
  await decoder.frames(bytes, { secondsPerHash: DENSE_SECONDS, size: FRAME_SIDE }, limits, ({ timestamp, image }) => {
    decoded++;
    const ms = Math.round(timestamp * 1000);
    const plane = lumaPlane(image);
    const region = frameRegion(plane);
    const stored = Math.floor(timestamp + 1e-9) > second;
    const slots = VIDEO_SLOTS.filter((s) => (s === 'r' ? !whole(region, plane) : stored || !isWindow(s)));
    const hashed = slots.map((slot) => hashSlot(plane, slot, region, buf)).filter((h) => h.quality >= SLOT_MIN_QUALITY);
    const anchors = hashed.filter((h) => !isWindow(h.slot));
    if (anchors.length) dense.push({ ms, slots: anchors.map(({ slot, hash }) => ({ slot, hash })) });
    if (!stored || hashed.length === 0) return;
    second = Math.floor(timestamp + 1e-9);
    frames.push({ ms, slots: hashed.map(({ slot, hash }) => ({ slot, hash })) });
    if (anchors.length) mirrored.push({ ms, slots: anchors.map(({ slot, coefficients }) => ({ slot, hash: dihedralHashes(coefficients).flipY })) });
  });
  const step = Math.ceil(dense.length / MAX_DENSE);
  return { frames, dense: step > 1 ? dense.filter((_, i) => i % step === 0) : dense, mirrored, decoded };
}

interface SlotHash {
  readonly slot: VideoSlot;
  readonly hash: string;
  readonly quality: number;
  readonly coefficients: Float32Array;
}

function hashSlot(plane: LumaPlane, slot: VideoSlot, region: Rect, buf: Float32Array): SlotHash {
  windowTo64(plane, videoSlotRect(slot, plane.width, plane.height, region), buf);
  const coefficients = new Float32Array(256);
  dct16(buf, coefficients);
  return { slot, hash: hashHex(coefficients), quality: pdqQuality(buf), coefficients };
}

const whole = (r: Rect, plane: LumaPlane): boolean => r.x0 === 0 && r.y0 === 0 && r.x1 === plane.width && r.y1 === plane.height;

