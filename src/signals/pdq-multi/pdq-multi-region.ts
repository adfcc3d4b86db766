import type { LumaPlane, Rect } from './pdq-multi-plane.js';

/**
 * Neighbouring plane pixels closer than this (luma levels) are one flat surface. Added
 * borders, bars and app chrome are flat to a level or two even after JPEG; a photo's
 * sky or wall is not, and must not be eaten (measured on the bench's photographs).
 */
const STEP = 1.5;
/** A flat surface may drift this far from the colour where it touched the edge. */
const DRIFT = 6;

/** An edge row or column whose spread (max − min) is under this is a frame line, trimmed. */
const LINE_SPREAD = 10;

/** How flat a surface must be to count as background. */
export interface Flatness {
  /** Largest luma step between neighbours. */
  readonly step: number;
  /** Largest drift from the colour where the surface touched the edge. */
  readonly drift: number;
  /** An edge line of the picture whose spread (max − min) is under this is a frame line, trimmed. */
  readonly lineSpread: number;
}

/** The content region's own flatness: borders and bars, and the flat sky or wall along a photo's edge with them. */
export const LOOSE: Flatness = { step: STEP, drift: DRIFT, lineSpread: LINE_SPREAD };
/**
 * Only what is flat to a level: added borders, bars and app chrome (one colour, softened
 * by JPEG at their inner edge), never a photo's own gradient of sky or shadow. A query
 * looks its copy up through this region too (pdq-multi-signal.ts): when the known photo
 * has a flat edge the loose region of the copy takes it with the border and the two
 * regions disagree, while this one is the photo exactly, which the known image's `f` is.
 */
export const EXACT: Flatness = { step: 0.75, drift: 2.5, lineSpread: 0 };
/** A content region smaller than this share of the image is noise: the whole image is used instead. */
const MIN_AREA = 0.08;

/**
 * The rectangle of the picture inside whatever surrounds it: uniform borders, letterbox
 * bars, a caption bar, an app window around a screenshot. Flat surfaces that touch the
 * image edge are background; of what is left, the largest connected blob is the picture
 * (UI text and icons are small blobs); its bounding box, less any flat frame lines along
 * its edges, is the region. Deterministic, so a known image and its copy agree on it;
 * on an ordinary photo it is the whole image.
 *
 * @example
 *   const r = contentRegion(plane); // { x0: 0, y0: 52, x1: 512, y1: 290 } for a letterboxed still
 */
export function contentRegion(plane: LumaPlane, flatness: Flatness = LOOSE): Rect {
  const { width: w, height: h, data } = plane;
  const full: Rect = { x0: 0, y0: 0, x1: w, y1: h };
  if (w < 8 || h < 8) return full;
  const background = floodBackground(plane, flatness);
  // Nothing flat along the edges (most photographs): the whole image, without a search for blobs.
  if (!background.includes(1)) return full;
  const blob = largestBlob(background, w, h);
  if (!blob) return full;
  let { x0, y0, x1, y1 } = blob;
  // Inner 90 % of each line: a frame's rounded corners show the background at its ends.
  const flatRow = (y: number) => {
    const cut = Math.floor((x1 - x0) / 20);
    return spread(data, y * w + x0 + cut, 1, x1 - x0 - 2 * cut) < flatness.lineSpread;
  };
  const flatCol = (x: number) => {
    const cut = Math.floor((y1 - y0) / 20);
    return spread(data, (y0 + cut) * w + x, w, y1 - y0 - 2 * cut) < flatness.lineSpread;
  };
  while (y1 - y0 > 8 && flatRow(y0)) y0++;
  while (y1 - y0 > 8 && flatRow(y1 - 1)) y1--;
  while (x1 - x0 > 8 && flatCol(x0)) x0++;
  while (x1 - x0 > 8 && flatCol(x1 - 1)) x1--;
  if ((x1 - x0) * (y1 - y0) < MIN_AREA * w * h) return full;
  return { x0, y0, x1, y1 };
}

function spread(data: Float32Array, start: number, stride: number, count: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0, p = start; k < count; k++, p += stride) {
    const v = data[p]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}

/** 1 where a flat surface reaches the plane's edge. */
function floodBackground(plane: LumaPlane, { step, drift }: Flatness): Uint8Array {
  const { width: w, height: h, data } = plane;
  const mark = new Uint8Array(w * h);
  const queue = new Int32Array(w * h);
  const last = w * h - w;
  const seeds: number[] = [];
  for (let x = 0; x < w; x++) seeds.push(x, last + x);
  for (let y = 1; y < h - 1; y++) seeds.push(y * w, y * w + w - 1);
  for (const seed of seeds) {
    // A seed must itself sit on a flat patch: one pixel of a photo's edge that happens to match its neighbour is no border.
    if (mark[seed] || !flatAt(data, seed, w, h, step)) continue;
    const colour = data[seed]!;
    let head = 0;
    let tail = 0;
    mark[seed] = 1;
    queue[tail++] = seed;
    while (head < tail) {
      const p = queue[head++]!;
      const x = p % w;
      const v = data[p]!;
      for (let k = 0; k < 4; k++) {
        let q: number;
        if (k === 0) { if (x === 0) continue; q = p - 1; }
        else if (k === 1) { if (x === w - 1) continue; q = p + 1; }
        else if (k === 2) { if (p < w) continue; q = p - w; }
        else { if (p >= last) continue; q = p + w; }
        if (mark[q]) continue;
        const u = data[q]!;
        if (Math.abs(u - v) <= step && Math.abs(u - colour) <= drift) {
          mark[q] = 1;
          queue[tail++] = q;
        }
      }
    }
  }
  return mark;
}

function flatAt(data: Float32Array, p: number, w: number, h: number, step: number): boolean {
  const x = p % w;
  const v = data[p]!;
  if (x > 0 && Math.abs(data[p - 1]! - v) > step) return false;
  if (x < w - 1 && Math.abs(data[p + 1]! - v) > step) return false;
  if (p >= w && Math.abs(data[p - w]! - v) > step) return false;
  if (p < w * (h - 1) && Math.abs(data[p + w]! - v) > step) return false;
  return true;
}

/**
 * Bounding box of the largest 8-connected set of non-background pixels, by pixel count
 * (the first found in raster order on a tie). Built from runs: each row's spans of
 * non-background pixels, joined to the spans of the row above that touch them (8-connected:
 * corners count), with union-find. A photo's plane is a few hundred runs, where a walk
 * pixel by pixel was the largest cost of a query's robust hashes.
 */
function largestBlob(background: Uint8Array, w: number, h: number): Rect | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  const rows: number[] = [];
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    // The root is always the earlier run, so a set's root is its first pixel in raster order.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  let above = 0; // first run of the row above
  for (let y = 0; y < h; y++) {
    const rowFirst = starts.length;
    let j = above;
    for (let x = 0; x < w; ) {
      if (background[y * w + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < w && !background[y * w + x]) x++;
      const run = starts.length;
      starts.push(start);
      ends.push(x);
      rows.push(y);
      parent.push(run);
      // Runs above that reach [start − 1, x]: they end after start − 1 and begin before x + 1.
      while (j < rowFirst && ends[j]! < start) j++;
      for (let k = j; k < rowFirst && starts[k]! <= x; k++) union(run, k);
    }
    above = rowFirst;
  }
  const count = new Map<number, number>();
  for (let i = 0; i < starts.length; i++) {
    const root = find(i);
    count.set(root, (count.get(root) ?? 0) + ends[i]! - starts[i]!);
  }
  let bestRoot = -1;
  let bestCount = 0;
  // Roots in increasing order are sets in raster order of their first pixel: strict > keeps the first on a tie.
  for (const root of [...count.keys()].sort((a, b) => a - b)) {
    if (count.get(root)! > bestCount) [bestRoot, bestCount] = [root, count.get(root)!];
  }
  if (bestRoot < 0) return undefined;
  let x0 = w, y0 = h, x1 = 0, y1 = 0;
  for (let i = 0; i < starts.length; i++) {
    if (find(i) !== bestRoot) continue;
    if (starts[i]! < x0) x0 = starts[i]!;
    if (ends[i]! > x1) x1 = ends[i]!;
    if (rows[i]! < y0) y0 = rows[i]!;
    if (rows[i]! + 1 > y1) y1 = rows[i]! + 1;
  }
  return { x0, y0, x1, y1 };
}
