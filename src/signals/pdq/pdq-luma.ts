import type { DecodedImage } from '../../media/decoded-image.js';

// PDQ's luma weights, each product rounded to float32 once: a table per channel
// gives fr(fr(0.299) * v) exactly, so only the two float32 adds remain per pixel.
const LUMA_R = weightTable(0.299);
const LUMA_G = weightTable(0.587);
const LUMA_B = weightTable(0.114);

function weightTable(weight: number): Float64Array {
  const w = Math.fround(weight);
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(w * v);
  return table;
}

/**
 * Writes the PDQ luma plane of `image` (rows × cols, row-major) into `out`.
 * `Y = fr(fr(fr(0.299 R) + fr(0.587 G)) + fr(0.114 B))`; alpha is ignored. The hasher
 * computes the same in its SIMD kernels (pdq-kernel-luma.ts); this version serves the
 * exact-64×64 path and the tests.
 *
 * Grey (1 channel) and grey+alpha (2 channels) are expanded to R = G = B = grey and go
 * through the same formula, rather than taking the grey value as Y. For 35 of the 256
 * grey levels the two differ by an ulp (grey 15 gives 15.000001). The reference values
 * in manifest.tsv come from the expansion (python-threatexchange's pdqhash copies L
 * into R, G and B), so it is exact by construction; on the grey vectors
 * (images/modes/L.png, LA.png, 1.png, pytx/LA.png) both choices happen to give the
 * same hashes. Sharp hands grey PNGs over as RGB anyway.
 *
 * @example
 *   const luma = new Float32Array(image.width * image.height);
 *   computeLuma(image, luma);
 */
export function computeLuma(image: DecodedImage, out: Float32Array): void {
  const { data, channels } = image;
  const n = image.width * image.height;
  if (channels >= 3) {
    for (let p = 0, s = 0; p < n; p++, s += channels) {
      out[p] = Math.fround(LUMA_R[data[s]] + LUMA_G[data[s + 1]]) + LUMA_B[data[s + 2]];
    }
  } else {
    const grey = GREY_LUMA;
    for (let p = 0, s = 0; p < n; p++, s += channels) out[p] = grey[data[s]];
  }
}

/** Luma of (g, g, g) for every grey level g. */
const GREY_LUMA = (() => {
  const table = new Float32Array(256);
  for (let g = 0; g < 256; g++) table[g] = Math.fround(LUMA_R[g] + LUMA_G[g]) + LUMA_B[g];
  return table;
})();
