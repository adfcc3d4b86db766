import { meanOver, type LumaPlane, type Rect } from '../pdq-multi/pdq-multi-plane.js';

/** Cells per side the activity is measured on: 2×2 pixels of the 256×256 frame, averaged so per-pixel noise mostly cancels. */
export const ACTIVE_GRID = 128;
/** A cell whose luma varies over the block by more than this (standard deviation, levels) is moving picture. */
const ACTIVE_STD = 3;
/** A row or column is part of the picture when it holds at least this share of the busiest row's (column's) active cells. */
const LINE_SHARE = 0.25;
/** Fewer active cells than this share of the frame: nothing moved enough to tell the picture from its surroundings. */
const MIN_ACTIVE = 0.03;
/** An edge of the region this close to the frame's edge (share of that side) is the edge, as for the content region. */
const SNAP = 0.06;
/** Each side of a plausible picture spans at least this share of the frame's side. */
const MIN_SIDE = 0.25;

/**
 * What a block of frames says about where the picture is:
 * - `static`: too little moved to tell (a still stretch, a slideshow): keep the last region;
 * - `whole`: the picture fills the frame, or its moving part is no sane rectangle: no region;
 * - a rectangle: the moving picture inside static surroundings.
 */
export type ActiveRegion = 'static' | 'whole' | Rect;

/**
 * The temporal spread of every cell over a block of frames: an app window, a desktop,
 * bars or a border around a played video stay still while the picture moves, so the
 * cells that vary are the picture. Averaged over 2×2 pixels of a 256-pixel frame and
 * measured over seconds, the noise a screen recorder adds frame by frame stays small
 * beside the picture's motion (measured: see the README).
 *
 * @example
 *   const block = new ActivityBlock();
 *   for (const plane of planes) block.add(plane);
 *   block.region(256, 256);   // { x0: 54, y0: 54, x1: 202, y1: 202 } for a video in a screen recorder's window
 */
export class ActivityBlock {
  private readonly sum = new Float64Array(ACTIVE_GRID * ACTIVE_GRID);
  private readonly squares = new Float64Array(ACTIVE_GRID * ACTIVE_GRID);
  private count = 0;

  get frames(): number {
    return this.count;
  }

  add(plane: LumaPlane): void {
    const xs = edges(plane.width);
    const ys = edges(plane.height);
    for (let i = 0; i < ACTIVE_GRID; i++) {
      for (let j = 0; j < ACTIVE_GRID; j++) {
        // A plane under ACTIVE_GRID pixels repeats pixels rather than average empty cells.
        const v = meanOver(plane, Math.min(xs[j]!, plane.width - 1), Math.min(ys[i]!, plane.height - 1), Math.max(xs[j + 1]!, Math.min(xs[j]!, plane.width - 1) + 1), Math.max(ys[i + 1]!, Math.min(ys[i]!, plane.height - 1) + 1));
        this.sum[i * ACTIVE_GRID + j] += v;
        this.squares[i * ACTIVE_GRID + j] += v * v;
      }
    }
    this.count++;
  }

  /** The moving picture's rectangle in the pixels of a `width` × `height` frame. */
  region(width: number, height: number): ActiveRegion {
    const n = this.count;
    if (n < 2) return 'static';
    const G = ACTIVE_GRID;
    const rows = new Uint32Array(G);
    const cols = new Uint32Array(G);
    let active = 0;
    for (let c = 0; c < G * G; c++) {
      const mean = this.sum[c]! / n;
      if (this.squares[c]! / n - mean * mean <= ACTIVE_STD * ACTIVE_STD) continue;
      rows[Math.floor(c / G)]++;
      cols[c % G]++;
      active++;
    }
    if (active < MIN_ACTIVE * G * G) return 'static';
    const [y0, y1] = span(rows);
    const [x0, x1] = span(cols);
    const xs = edges(width);
    const ys = edges(height);
    const r = snap({ x0: xs[x0]!, y0: ys[y0]!, x1: xs[x1]!, y1: ys[y1]! }, width, height);
    if (r.x0 === 0 && r.y0 === 0 && r.x1 === width && r.y1 === height) return 'whole';
    if (r.x1 - r.x0 < MIN_SIDE * width || r.y1 - r.y0 < MIN_SIDE * height) return 'whole';
    return r;
  }
}

/** First and one past the last line holding LINE_SHARE of the busiest line's active cells. */
function span(counts: Uint32Array): [number, number] {
  const floor = Math.max(2, LINE_SHARE * Math.max(...counts));
  let first = 0;
  while (counts[first]! < floor) first++;
  let last = counts.length;
  while (counts[last - 1]! < floor) last--;
  return [first, last];
}

/** Pixel boundaries of the grid's cells along a side of `size` pixels. */
function edges(size: number): Int32Array {
  return Int32Array.from({ length: ACTIVE_GRID + 1 }, (_, k) => Math.round((k * size) / ACTIVE_GRID));
}

function snap(r: Rect, w: number, h: number): Rect {
  return { x0: r.x0 <= w * SNAP ? 0 : r.x0, y0: r.y0 <= h * SNAP ? 0 : r.y0, x1: r.x1 >= w * (1 - SNAP) ? w : r.x1, y1: r.y1 >= h * (1 - SNAP) ? h : r.y1 };
}
