import type { DecodedImage } from '../../media/decoded-image.js';
import { hashHex, ZERO_HASH } from './pdq-bits.js';
import { dct16 } from './pdq-dct.js';
import { dihedralHashes, type PdqDihedral } from './pdq-dihedral.js';
import { jaroszDownsample } from './pdq-jarosz.js';
import { computeLuma } from './pdq-luma.js';
import { pdqQuality } from './pdq-quality.js';

export type { PdqDihedral } from './pdq-dihedral.js';

/** A PDQ hash: 64 lowercase hex digits, quality 0–100, optionally the 7 other orientations. */
export interface PdqResult {
  hash: string;
  quality: number;
  dihedral?: PdqDihedral;
}

/** Images with fewer rows or columns than this hash to all zeros with quality 0. */
export const PDQ_MIN_SIDE = 5;

const buf64 = new Float32Array(64 * 64);
const coefficients = new Float32Array(256);

/**
 * Bit-exact PDQ (Meta's reference, full-size, no pre-resize) of decoded pixels.
 * Under 5 pixels on a side gives the all-zero hash and quality 0; callers decide
 * whether that is an error.
 *
 * With `dihedral`, an image of exactly 64×64 still reports the plain hash (which skips
 * the filter), while its variants come from the filtered buffer as the reference's
 * dihedral function computes them.
 *
 * @example
 *   const image = await new SharpImageDecoder().decode(bytes, DEFAULT_IMAGE_LIMITS);
 *   const { hash, quality } = pdqHash(image); // 'f8f8f0ce…', 100
 */
export function pdqHash(image: DecodedImage, options: { dihedral?: boolean } = {}): PdqResult {
  const { width: cols, height: rows } = image;
  if (rows < PDQ_MIN_SIDE || cols < PDQ_MIN_SIDE) {
    const zero: PdqResult = { hash: ZERO_HASH, quality: 0 };
    if (options.dihedral) {
      zero.dihedral = { rot90: ZERO_HASH, rot180: ZERO_HASH, rot270: ZERO_HASH, flipX: ZERO_HASH, flipY: ZERO_HASH, flipPlus1: ZERO_HASH, flipMinus1: ZERO_HASH };
    }
    return zero;
  }
  const exact64 = rows === 64 && cols === 64;
  if (exact64) computeLuma(image, buf64);
  else jaroszDownsample(image, buf64);
  const result: PdqResult = { hash: hashOf(buf64), quality: pdqQuality(buf64) };
  if (options.dihedral) {
    if (exact64) {
      jaroszDownsample(image, buf64);
      dct16(buf64, coefficients);
    }
    result.dihedral = dihedralHashes(coefficients);
  }
  return result;
}

function hashOf(buf: Float32Array): string {
  dct16(buf, coefficients);
  return hashHex(coefficients);
}
