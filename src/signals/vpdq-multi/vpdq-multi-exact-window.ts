import type { LumaPlane, Rect } from '../pdq-multi/pdq-multi-plane.js';

/**
 * Averages a rectangle with fractional edges into PDQ's 64×64 buffer, each cell exactly
 * 1/64 of each side (pixels taken as constant over their square, so the summed-area table
 * is bilinear between its entries). `windowTo64` rounds cell edges to whole pixels, which
 * a window of 2–3 pixels a cell turns into a jitter of a third of a cell. Used for the
 * active region, which a screen recording shows at about 150 pixels of the 256-pixel
 * frame: measured on the bench's screen recordings against their originals' whole frames,
 * the median distance fell from 34 to 14 bits (cellauto) and from 40 to 28 (gradients).
 */
export function exactWindowTo64(plane: LumaPlane, rect: Rect, out: Float32Array): void {
  const cw = (rect.x1 - rect.x0) / 64;
  const ch = (rect.y1 - rect.y0) / 64;
  const xs = Float64Array.from({ length: 65 }, (_, k) => rect.x0 + k * cw);
  const ys = Float64Array.from({ length: 65 }, (_, k) => rect.y0 + k * ch);
  const area = cw * ch;
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) {
      const sum = summedAt(plane, xs[j + 1]!, ys[i + 1]!) - summedAt(plane, xs[j]!, ys[i + 1]!) - summedAt(plane, xs[j + 1]!, ys[i]!) + summedAt(plane, xs[j]!, ys[i]!);
      out[i * 64 + j] = sum / area;
    }
  }
}

/** The plane's luma summed over [0, x) × [0, y), for fractional x and y inside the plane. */
function summedAt(plane: LumaPlane, x: number, y: number): number {
  const W = plane.width + 1;
  const t = plane.integral;
  const xi = Math.min(plane.width - 1, Math.max(0, Math.floor(x)));
  const yi = Math.min(plane.height - 1, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - xi));
  const fy = Math.min(1, Math.max(0, y - yi));
  const a = t[yi * W + xi]!;
  const b = t[yi * W + xi + 1]!;
  const c = t[(yi + 1) * W + xi]!;
  const d = t[(yi + 1) * W + xi + 1]!;
  return a + (b - a) * fx + (c - a) * fy + (d - b - c + a) * fx * fy;
}
