import { hashHex } from './pdq-bits.js';

/** Hashes of the seven rotated and mirrored copies, named as in dihedral.tsv. */
export interface PdqDihedral {
  rot90: string;
  rot180: string;
  rot270: string;
  flipX: string;
  flipY: string;
  flipPlus1: string;
  flipMinus1: string;
}

type Variant = { name: keyof PdqDihedral; transpose: boolean; negate: (i: number, j: number) => boolean };

// Spec §6: a DCT basis of odd frequency index is antisymmetric, so mirroring the image
// negates those coefficients; rotating also transposes. Indices are 0-based, and index
// k is frequency k + 1, hence "negate when even".
const VARIANTS: readonly Variant[] = [
  { name: 'rot90', transpose: true, negate: (_i, j) => j % 2 === 0 },
  { name: 'rot180', transpose: false, negate: (i, j) => (i + j) % 2 === 1 },
  { name: 'rot270', transpose: true, negate: (i) => i % 2 === 0 },
  { name: 'flipX', transpose: false, negate: (i) => i % 2 === 0 },
  { name: 'flipY', transpose: false, negate: (_i, j) => j % 2 === 0 },
  { name: 'flipPlus1', transpose: true, negate: () => false },
  { name: 'flipMinus1', transpose: true, negate: (i, j) => (i + j) % 2 === 1 },
];

const transformed = new Float32Array(256);

/**
 * The seven dihedral hashes from one 16×16 DCT, without re-hashing the image.
 *
 * @example
 *   dihedralHashes(coefficients).rot90; // hex of the image turned 90°
 */
export function dihedralHashes(coefficients: Float32Array): PdqDihedral {
  const result = {} as PdqDihedral;
  for (const variant of VARIANTS) {
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        const value = variant.negate(i, j) ? -coefficients[i * 16 + j] : coefficients[i * 16 + j];
        transformed[variant.transpose ? j * 16 + i : i * 16 + j] = value;
      }
    }
    result[variant.name] = hashHex(transformed);
  }
  return result;
}
