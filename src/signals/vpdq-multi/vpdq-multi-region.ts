import type { LumaPlane, Rect } from '../pdq-multi/pdq-multi-plane.js';
import { contentRegion } from '../pdq-multi/pdq-multi-region.js';

/**
 * Side of the plane the content region is looked for on. Screen recordings and phone
 * re-filming add sensor or encoder noise that makes an app window's flat surfaces
 * differ by a few levels from pixel to pixel; averaged over 4×4 pixels of the 256×256
 * frame they are flat again, and the region is still found to within 1/64 of a side.
 */
export const REGION_SIDE = 64;
/** A side of the region this close to the frame's edge (share of that side) is the edge. */
const SNAP = 0.06;

/**
 * The rectangle of the picture inside bars, a border or an app window (pdq-multi-region.ts,
 * on a coarse plane), in `plane`'s pixels; the whole frame when there is nothing around it.
 *
 * @example
 *   frameRegion(plane);   // { x0: 47, y0: 52, x1: 196, y1: 201 } for a video shown in a screen recorder's window
 */
export function frameRegion(plane: LumaPlane): Rect {
  const coarse = reduce(plane, REGION_SIDE);
  const r = contentRegion(coarse);
  const sx = plane.width / coarse.width;
  const sy = plane.height / coarse.height;
  const { width: w, height: h } = plane;
  const x0 = Math.round(r.x0 * sx);
  const y0 = Math.round(r.y0 * sy);
  const x1 = Math.round(r.x1 * sx);
  const y1 = Math.round(r.y1 * sy);
  return { x0: x0 <= w * SNAP ? 0 : x0, y0: y0 <= h * SNAP ? 0 : y0, x1: x1 >= w * (1 - SNAP) ? w : x1, y1: y1 >= h * (1 - SNAP) ? h : y1 };
}

/** The plane averaged down to at most `side` on its longer side (block means), with its summed-area table. */
function reduce(plane: LumaPlane, side: number): LumaPlane {
  const f = Math.max(1, Math.ceil(Math.max(plane.width, plane.height) / side));
  const w = Math.max(1, Math.floor(plane.width / f));
  const h = Math.max(1, Math.floor(plane.height / f));
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) sum += plane.data[(y * f + dy) * plane.width + x * f + dx]!;
      data[y * w + x] = sum / (f * f);
    }
  }
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run += data[y * w + x]!;
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + run;
    }
  }
  return { width: w, height: h, data, integral };
}
