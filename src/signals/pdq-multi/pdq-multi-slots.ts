import type { Rect } from './pdq-multi-plane.js';

/**
 * The named hashes a `pdq_multi` value may hold, in their canonical order:
 * - `f` the whole image; `r` the content region (see pdq-multi-region.ts), only when it
 *   differs from the whole image;
 * - `b` the middle band of the whole image, `rb` that of the content region when there is
 *   one (meme captions and banners sit above and below the band);
 * - `c90`, `c75` centre windows keeping 90 % and 75 % of each side of the whole image;
 * - `tl`, `tr`, `bl`, `br` corner windows keeping 80 % of each side.
 * `f` is always present; the others are left out when their hash is too flat to trust.
 */
export const SLOTS = ['f', 'r', 'b', 'rb', 'c90', 'c75', 'tl', 'tr', 'bl', 'br'] as const;
export type Slot = (typeof SLOTS)[number];

/** What a slot shows: the whole picture (`f`, `r`), its middle band, or a crop window. */
export type Role = 'anchor' | 'band' | 'window';
const ROLE: Readonly<Record<Slot, Role>> = { f: 'anchor', r: 'anchor', b: 'band', rb: 'band', c90: 'window', c75: 'window', tl: 'window', tr: 'window', bl: 'window', br: 'window' };

export const roleOf = (slot: Slot): Role => ROLE[slot];

/** What a window slot is called in a match's `variant`. */
const WINDOW_NAME: Readonly<Partial<Record<Slot, string>>> = { c90: 'centre-0.9', c75: 'centre-0.75', tl: 'tl-0.8', tr: 'tr-0.8', bl: 'bl-0.8', br: 'br-0.8' };

/**
 * Whether a query slot is compared with a known slot: an anchor (whole image or content
 * region) with an anchor or a window on the other side, a band with a band (either). Windows are
 * never compared with windows: each pair compared is one more chance of a false match.
 * Symmetric, so the distance is.
 */
export function compared(query: Slot, known: Slot): boolean {
  const a = ROLE[query];
  const b = ROLE[known];
  if (a === 'band' || b === 'band') return a === b;
  return a === 'anchor' || b === 'anchor';
}

/** Every (query slot, known slot) pair compared. */
export const PAIRS: readonly (readonly [Slot, Slot])[] = SLOTS.flatMap((q) => SLOTS.filter((k) => compared(q, k)).map((k) => [q, k] as const));

/**
 * How a match through this pair is described: undefined for whole image against whole
 * image, `trim` through a content region, `region:band`, `window:tl-0.8` when the query is
 * that window of the known image, `window:query-tl-0.8` when the known image is that
 * window of the query.
 */
export function pairVariant(query: Slot, known: Slot): string | undefined {
  if (query === 'f' && known === 'f') return undefined;
  if (ROLE[query] === 'band') return 'region:band';
  if (ROLE[known] === 'window') return `window:${WINDOW_NAME[known]}`;
  if (ROLE[query] === 'window') return `window:query-${WINDOW_NAME[query]}`;
  return 'trim';
}

/** The part of the plane each slot hashes, given the plane size and the content region. */
export function slotRect(slot: Slot, width: number, height: number, region: Rect): Rect {
  const centre = (keep: number): Rect => ({ x0: (width * (1 - keep)) / 2, y0: (height * (1 - keep)) / 2, x1: (width * (1 + keep)) / 2, y1: (height * (1 + keep)) / 2 });
  const k = 0.8;
  switch (slot) {
    case 'f':
      return { x0: 0, y0: 0, x1: width, y1: height };
    case 'r':
      return region;
    case 'b':
      return { x0: 0, x1: width, y0: height * BAND_MARGIN, y1: height * (1 - BAND_MARGIN) };
    case 'rb': {
      const h = region.y1 - region.y0;
      return { x0: region.x0, x1: region.x1, y0: region.y0 + h * BAND_MARGIN, y1: region.y1 - h * BAND_MARGIN };
    }
    case 'c90':
      return centre(0.9);
    case 'c75':
      return centre(0.75);
    case 'tl':
      return { x0: 0, y0: 0, x1: width * k, y1: height * k };
    case 'tr':
      return { x0: width * (1 - k), y0: 0, x1: width, y1: height * k };
    case 'bl':
      return { x0: 0, y0: height * (1 - k), x1: width * k, y1: height };
    case 'br':
      return { x0: width * (1 - k), y0: height * (1 - k), x1: width, y1: height };
  }
}

/** Share of the region's height left out above and below the band: meme captions take up to about 1/8. */
export const BAND_MARGIN = 0.16;
