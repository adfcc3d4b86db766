import type { Rect } from '../pdq-multi/pdq-multi-plane.js';

/**
 * The hashes one frame of a `vpdq_multi` value may hold, in canonical order (bit k of the
 * frame's slot mask is SLOTS[k]):
 * - `f` the whole frame; `r` the content region (the picture inside bars, a border or an
 *   app window), only when it differs from the whole frame;
 * - `c90`, `c80`, `c70` centre windows keeping 90, 80 and 70 % of each side: a cropped
 *   re-upload shows one of them as its whole frame;
 * - `a` the active region: the part of the frame that changes over a few seconds, when
 *   static surroundings (an app window, a desktop, bars) sit around it
 *   (vpdq-multi-active-region.ts). Found across frames, so the noise a screen recorder adds
 *   to each frame does not hide it as it hides `r`. Last, so the older slots keep their bits.
 * A slot whose hash is too flat to trust (quality under 50) is left out.
 */
export const VIDEO_SLOTS = ['f', 'r', 'c90', 'c80', 'c70', 'a'] as const;
/** Slots a `vm1` value may hold: every slot before `a` was added. */
export const VM1_SLOTS = 5;
export type VideoSlot = (typeof VIDEO_SLOTS)[number];

/** Centre windows: the share of each side they keep. */
const KEEP: Readonly<Partial<Record<VideoSlot, number>>> = { c90: 0.9, c80: 0.8, c70: 0.7 };

/** Anchors (whole frame, content region, active region) are what a query shows; windows are what a known frame may be cropped to. */
export const isWindow = (slot: VideoSlot): boolean => KEEP[slot] !== undefined;

/**
 * Whether a slot of one frame is compared with a slot of another: anchor with anchor,
 * anchor with window (either side), or a window with the same window of the other frame
 * (both frames' centre 70 %: a watermark, logo or caption near the edges lies outside it;
 * measured on the bench's watermarked copies, c70 against c70 came 4–22 bits apart where the
 * whole frames were 34–46). Other window pairs are not compared: each pair compared is one
 * more chance of a false match. Symmetric, so the distance is.
 */
export const comparedSlots = (a: VideoSlot, b: VideoSlot): boolean => !(isWindow(a) && isWindow(b)) || (a === INNER && b === INNER);

const ACTIVE: VideoSlot = 'a';

/** The window compared with itself: the smallest, farthest from the edges where overlays sit. */
const INNER: VideoSlot = 'c70';

/** How a frame pair matched, as the index names it in `variant`: undefined for whole frame against whole frame. */
export function slotPairVariant(query: VideoSlot, known: VideoSlot): string | undefined {
  if (query === INNER && known === INNER) return `window:inner-${KEEP[known]}`;
  if (isWindow(known)) return `window:centre-${KEEP[known]}`;
  if (isWindow(query)) return `window:query-centre-${KEEP[query]}`;
  if (query === 'f' && known === 'f') return undefined;
  if (query === ACTIVE || known === ACTIVE) return 'region:active';
  return 'region';
}

/** The part of the frame a slot hashes, given the frame's size and its content or active region. */
export function videoSlotRect(slot: VideoSlot, width: number, height: number, region: Rect): Rect {
  if (slot === 'f') return { x0: 0, y0: 0, x1: width, y1: height };
  if (slot === 'r' || slot === 'a') return region;
  const keep = KEEP[slot]!;
  return { x0: (width * (1 - keep)) / 2, y0: (height * (1 - keep)) / 2, x1: (width * (1 + keep)) / 2, y1: (height * (1 + keep)) / 2 };
}
