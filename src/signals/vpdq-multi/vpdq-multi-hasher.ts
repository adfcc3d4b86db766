import type { MediaLimits } from '../../media/audio-decoder.js';
import type { VideoDecoder } from '../../media/video-decoder.js';
import { hashHex } from '../pdq/pdq-bits.js';
import { dct16 } from '../pdq/pdq-dct.js';
import { dihedralHashes } from '../pdq/pdq-dihedral.js';
import { pdqQuality } from '../pdq/pdq-quality.js';
import { lumaPlane, summedArea, windowTo64, type LumaPlane, type Rect } from '../pdq-multi/pdq-multi-plane.js';
import { ActivityBlock } from './vpdq-multi-active-region.js';
import { exactWindowTo64 } from './vpdq-multi-exact-window.js';
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

/**
 * Seconds of frames the active region is measured over (vpdq-multi-active-region.ts). The
 * block's frames wait as 8-bit luma (64 KiB each at 256×256, 6.4 MiB a block at 25 frames a
 * second) until it ends: the region needs the whole block, and a video may last hours.
 */
export const ACTIVE_BLOCK_SECONDS = 4;

/** A hashed video: the stored frames (about one a second, every slot) and the query's lookups. */
export interface MultiVideo {
  /** The value's frames: the first frame of each second, with every slot of quality ≥ 50. */
  readonly frames: MultiFrame[];
  /** Every frame (up to 25 a second), anchors only (whole frame, content and active region): what a query looks up at other speeds. */
  readonly dense: MultiFrame[];
  /** The value's frames mirrored left to right, anchors only. */
  readonly mirrored: MultiFrame[];
  /** Frames decoded and hashed. */
  readonly decoded: number;
  /** Frames that got an active-region hash. */
  readonly active: number;
}

/** A frame waiting for its block's active region. */
interface Pending {
  readonly ms: number;
  /** Whether it is the frame its second keeps in the value (decided on the other slots, as before the active region). */
  readonly stored: boolean;
  readonly hashed: SlotHash[];
  readonly luma: Uint8ClampedArray;
}

/**
 * Hashes a video for `vpdq_multi`: ffmpeg hands over every frame (up to 25 a second) at 256×256;
 * each gets its whole-frame and content-region hash (the PDQ way, from one luma plane:
 * pdq-multi-plane.ts), and the first frame of each second also its centre windows.
 * Each block of ACTIVE_BLOCK_SECONDS then gets its active region, and every frame of the
 * block the hash of it (`a`); a still block keeps the region of the block before.
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
  let active = 0;
  let pending: Pending[] = [];
  let block = -1;
  let activity = new ActivityBlock();
  let carried: Rect | undefined;
  let size = { width: 0, height: 0 };

  const flush = () => {
    const found = activity.region(size.width, size.height);
    if (found === 'whole') carried = undefined;
    else if (found !== 'static') carried = found;
    const plane = carried ? planeBuffer(size.width, size.height) : undefined;
    for (const p of pending) {
      let hashed = p.hashed;
      if (carried && plane) {
        const a = hashSlot(fill(plane, p.luma), 'a', carried, buf, exactWindowTo64);
        if (a.quality >= SLOT_MIN_QUALITY) {
          hashed = [...hashed, a];
          active++;
        }
      }
      const anchors = hashed.filter((h) => !isWindow(h.slot));
      if (anchors.length) dense.push({ ms: p.ms, slots: anchors.map(({ slot, hash }) => ({ slot, hash })) });
      if (!p.stored) continue;
      frames.push({ ms: p.ms, slots: hashed.map(({ slot, hash }) => ({ slot, hash })) });
      if (anchors.length) mirrored.push({ ms: p.ms, slots: anchors.map(({ slot, coefficients }) => ({ slot, hash: dihedralHashes(coefficients).flipY })) });
    }
    pending = [];
    activity = new ActivityBlock();
  };

  await decoder.frames(bytes, { secondsPerHash: DENSE_SECONDS, size: FRAME_SIDE }, limits, ({ timestamp, image }) => {
    decoded++;
    const ms = Math.round(timestamp * 1000);
    const plane = lumaPlane(image);
    const b = Math.floor(timestamp / ACTIVE_BLOCK_SECONDS + 1e-9);
    if (b !== block || plane.width !== size.width || plane.height !== size.height) {
      if (pending.length) flush();
      block = b;
      size = { width: plane.width, height: plane.height };
    }
    const region = frameRegion(plane);
    const candidate = Math.floor(timestamp + 1e-9) > second;
    const slots = VIDEO_SLOTS.filter((s) => (s === 'a' ? false : s === 'r' ? !whole(region, plane) : candidate || !isWindow(s)));
    const hashed = slots.map((slot) => hashSlot(plane, slot, videoSlotRect(slot, plane.width, plane.height, region), buf)).filter((h) => h.quality >= SLOT_MIN_QUALITY);
    const stored = candidate && hashed.length > 0;
    if (stored) second = Math.floor(timestamp + 1e-9);
    activity.add(plane);
    pending.push({ ms, stored, hashed, luma: new Uint8ClampedArray(plane.data) });
  });
  if (pending.length) flush();
  const step = Math.ceil(dense.length / MAX_DENSE);
  return { frames, dense: step > 1 ? dense.filter((_, i) => i % step === 0) : dense, mirrored, decoded, active };
}

interface SlotHash {
  readonly slot: VideoSlot;
  readonly hash: string;
  readonly quality: number;
  readonly coefficients: Float32Array;
}

function hashSlot(plane: LumaPlane, slot: VideoSlot, rect: Rect, buf: Float32Array, average = windowTo64): SlotHash {
  average(plane, rect, buf);
  const coefficients = new Float32Array(256);
  dct16(buf, coefficients);
  return { slot, hash: hashHex(coefficients), quality: pdqQuality(buf), coefficients };
}

const whole = (r: Rect, plane: LumaPlane): boolean => r.x0 === 0 && r.y0 === 0 && r.x1 === plane.width && r.y1 === plane.height;


/** A plane of the given size whose luma and summed-area table `fill` rewrites for each waiting frame. */
function planeBuffer(width: number, height: number): LumaPlane {
  return { width, height, data: new Float32Array(width * height), integral: new Float64Array((width + 1) * (height + 1)) };
}

function fill(plane: LumaPlane, luma: Uint8ClampedArray): LumaPlane {
  plane.data.set(luma);
  summedArea(plane.data, plane.width, plane.height, plane.integral);
  return plane;
}
