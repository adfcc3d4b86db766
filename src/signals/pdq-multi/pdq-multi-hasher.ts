import type { DecodedImage } from '../../media/decoded-image.js';
import { hashHex } from '../pdq/pdq-bits.js';
import { dct16 } from '../pdq/pdq-dct.js';
import { pdqQuality } from '../pdq/pdq-quality.js';
import { lumaPlane, windowTo64, type LumaPlane, type Rect } from './pdq-multi-plane.js';
import { contentRegion, EXACT } from './pdq-multi-region.js';
import { SLOTS, slotRect, type Slot } from './pdq-multi-slots.js';

/** Window hashes under this quality are left out of the value (PDQ's own floor). */
export const SLOT_MIN_QUALITY = 50;
/**
 * A side of the content region this close to the image's edge (share of that side) is
 * the edge: added borders and bars take more, and a flat strip along one edge of a photo
 * (sky, sand) is better ignored, so that a copy with a caption bar on one side finds the
 * same region as the photo alone. No side left inside: no `r`.
 */
const SNAP = 0.06;

/** One slot's hash, with its DCT so rotated and mirrored hashes come without re-hashing. */
export interface SlotHash {
  readonly slot: Slot;
  readonly hash: string;
  readonly quality: number;
  readonly coefficients: Float32Array;
}

/** Every slot's hash of one image, the content region it found, and the plane size. */
export interface MultiHash {
  readonly slots: SlotHash[];
  readonly region: Rect;
  /**
   * The exact region (only what is flat to a level trimmed) and its hashes as a query
   * looks them up: `f` its whole, `b` its band. Only when it differs from both the whole
   * image and the content region; never stored, so the shared value is unchanged.
   */
  readonly exact?: { readonly region: Rect; readonly slots: SlotHash[] };
  readonly plane: { readonly width: number; readonly height: number };
}

/**
 * Hashes the whole image, its content region, its middle band and its crop windows, each
 * the PDQ way (64×64 luma, 16×16 DCT, median threshold) from one reduced luma plane.
 * Not bit-identical to `pdq` (the plane is area-averaged, not Jarosz-filtered), which is
 * why it is a type of its own; `pdq` is still computed and shared beside it.
 *
 * @example
 *   multiHash(image).slots.map((s) => s.slot); // ['f', 'b', 'c90', 'c75', 'tl', 'tr', 'bl', 'br']
 */
export function multiHash(image: DecodedImage): MultiHash {
  return multiHashOfPlane(lumaPlane(image));
}

export function multiHashOfPlane(plane: LumaPlane): MultiHash {
  const { width, height } = plane;
  const whole: Rect = { x0: 0, y0: 0, x1: width, y1: height };
  const region = snapToEdges(contentRegion(plane), width, height);
  const sameAsWhole = sameRect(region, whole);
  const buf = new Float32Array(64 * 64);
  const slots: SlotHash[] = [];
  for (const slot of SLOTS) {
    if ((slot === 'r' || slot === 'rb') && sameAsWhole) continue;
    const hashed = hashRect(plane, slotRect(slot, width, height, region), slot, buf);
    if (slot !== 'f' && hashed.quality < SLOT_MIN_QUALITY) continue;
    slots.push(hashed);
  }
  const exactRegion = contentRegion(plane, EXACT);
  if (sameRect(exactRegion, whole) || sameRect(exactRegion, region)) return { slots, region, plane: { width, height } };
  // The region is looked up as a whole image (`f`, at any quality, as the known photo's own
  // `f` is kept whatever its quality: a dark photo in a border must still find it), and its band as a band.
  const exact = [hashRect(plane, exactRegion, 'f', buf), hashRect(plane, slotRect('rb', width, height, exactRegion), 'b', buf)].filter((s) => s.slot === 'f' || s.quality >= SLOT_MIN_QUALITY);
  return { slots, region, plane: { width, height }, exact: { region: exactRegion, slots: exact } };
}

function hashRect(plane: LumaPlane, rect: Rect, slot: Slot, buf: Float32Array): SlotHash {
  windowTo64(plane, rect, buf);
  const coefficients = new Float32Array(256);
  dct16(buf, coefficients);
  return { slot, hash: hashHex(coefficients), quality: pdqQuality(buf), coefficients };
}

const sameRect = (a: Rect, b: Rect): boolean => a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1;

function snapToEdges(region: Rect, width: number, height: number): Rect {
  return {
    x0: region.x0 <= width * SNAP ? 0 : region.x0,
    y0: region.y0 <= height * SNAP ? 0 : region.y0,
    x1: region.x1 >= width * (1 - SNAP) ? width : region.x1,
    y1: region.y1 >= height * (1 - SNAP) ? height : region.y1,
  };
}
