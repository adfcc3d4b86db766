import { BANDS } from './chromaprint-chroma.js';

/**
 * A cumulative table over the chromagram (rows = time, columns = band) so any box sum
 * is four lookups. Accumulated as chromaprint does (row prefix sum, then plus the row
 * above), since the float rounding decides bits near the classifier thresholds.
 */
export class IntegralImage {
  readonly rows: number;
  private readonly sums: Float64Array;

  constructor(chroma: Float64Array) {
    this.rows = chroma.length / BANDS;
    const s = (this.sums = new Float64Array(chroma.length));
    for (let t = 0; t < this.rows; t++) {
      const o = t * BANDS;
      s[o] = chroma[o]!;
      for (let c = 1; c < BANDS; c++) s[o + c] = s[o + c - 1]! + chroma[o + c]!;
      if (t > 0) for (let c = 0; c < BANDS; c++) s[o + c] = s[o + c]! + s[o - BANDS + c]!;
    }
  }

  /** Sum over rows [r1, r2) and bands [c1, c2). */
  area(r1: number, c1: number, r2: number, c2: number): number {
    if (r1 === r2 || c1 === c2) return 0;
    const s = this.sums;
    const lo2 = (r2 - 1) * BANDS;
    if (r1 === 0) return c1 === 0 ? s[lo2 + c2 - 1]! : s[lo2 + c2 - 1]! - s[lo2 + c1 - 1]!;
    const lo1 = (r1 - 1) * BANDS;
    if (c1 === 0) return s[lo2 + c2 - 1]! - s[lo1 + c2 - 1]!;
    return s[lo2 + c2 - 1]! - s[lo1 + c2 - 1]! - s[lo2 + c1 - 1]! + s[lo1 + c1 - 1]!;
  }
}

/** One of chromaprint's 16 Haar-like classifiers with its quantiser thresholds. */
interface Classifier {
  readonly type: 0 | 1 | 2 | 3 | 4 | 5;
  readonly y: number;
  readonly height: number;
  readonly width: number;
  readonly t: readonly [number, number, number];
}

// Algorithm TEST2's trained classifiers (specs/chromaprint.md §7).
const c = (type: Classifier['type'], y: number, height: number, width: number, t0: number, t1: number, t2: number): Classifier => ({
  type, y, height, width, t: [t0, t1, t2],
});
const CLASSIFIERS: readonly Classifier[] = [
  c(0, 4, 3, 15, 1.98215, 2.35817, 2.63523),
  c(4, 4, 6, 15, -1.03809, -0.651211, -0.282167),
  c(1, 0, 4, 16, -0.298702, 0.119262, 0.558497),
  c(3, 8, 2, 12, -0.105439, 0.0153946, 0.135898),
  c(3, 4, 4, 8, -0.142891, 0.0258736, 0.200632),
  c(4, 0, 3, 5, -0.826319, -0.590612, -0.368214),
  c(1, 2, 2, 9, -0.557409, -0.233035, 0.0534525),
  c(2, 7, 3, 4, -0.0646826, 0.00620476, 0.0784847),
  c(2, 6, 2, 16, -0.192387, -0.029699, 0.215855),
  c(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026),
  c(5, 10, 1, 15, -0.53823, -0.369934, -0.190235),
  c(3, 6, 2, 10, -0.124877, 0.0296483, 0.139239),
  c(2, 1, 1, 14, -0.101475, 0.0225617, 0.231971),
  c(3, 5, 6, 4, -0.0799915, -0.00729616, 0.063262),
  c(1, 9, 2, 12, -0.272556, 0.019424, 0.302559),
  c(3, 4, 2, 14, -0.164292, -0.0321188, 0.0846339),
];

/** The widest classifier: an item needs this many chroma rows. */
export const MAX_CLASSIFIER_WIDTH = 16;
const GRAY = [0, 1, 3, 2] as const;

/** ln((1 + a) / (1 + b)) for the classifier's two regions of the box at time x. */
function response(img: IntegralImage, k: Classifier, x: number): number {
  const { y, height: h, width: w } = k;
  let a: number;
  let b: number;
  switch (k.type) {
    case 0:
      a = img.area(x, y, x + w, y + h);
      b = 0;
      break;
    case 1: {
      const h2 = Math.trunc(h / 2);
      a = img.area(x, y + h2, x + w, y + h);
      b = img.area(x, y, x + w, y + h2);
      break;
    }
    case 2: {
      const w2 = Math.trunc(w / 2);
      a = img.area(x + w2, y, x + w, y + h);
      b = img.area(x, y, x + w2, y + h);
      break;
    }
    case 3: {
      const w2 = Math.trunc(w / 2);
      const h2 = Math.trunc(h / 2);
      a = img.area(x, y + h2, x + w2, y + h) + img.area(x + w2, y, x + w, y + h2);
      b = img.area(x, y, x + w2, y + h2) + img.area(x + w2, y + h2, x + w, y + h);
      break;
    }
    case 4: {
      const h3 = Math.trunc(h / 3);
      a = img.area(x, y + h3, x + w, y + 2 * h3);
      b = img.area(x, y, x + w, y + h3) + img.area(x, y + 2 * h3, x + w, y + h);
      break;
    }
    case 5: {
      const w3 = Math.trunc(w / 3);
      a = img.area(x + w3, y, x + 2 * w3, y + h);
      b = img.area(x, y, x + w3, y + h) + img.area(x + 2 * w3, y, x + w, y + h);
      break;
    }
  }
  return Math.log((1.0 + a) / (1.0 + b));
}

/** The 32-bit sub-fingerprint at time offset x: 16 Gray-coded 2-bit classifier outputs, first in the top bits. */
export function subFingerprint(img: IntegralImage, x: number): number {
  let bits = 0;
  for (const k of CLASSIFIERS) {
    const v = response(img, k, x);
    const q = v < k.t[0] ? 0 : v < k.t[1] ? 1 : v < k.t[2] ? 2 : 3;
    bits = (bits << 2) | GRAY[q];
  }
  return bits >>> 0;
}
