import { filteredChroma } from './chromaprint-chroma.js';
import { IntegralImage, MAX_CLASSIFIER_WIDTH, subFingerprint } from './chromaprint-classifiers.js';

/** The item a run of digital silence produces, whatever its length. */
export const SILENCE_ITEM = 627964279;

/**
 * Chromaprint (algorithm TEST2) sub-fingerprints of 11025 Hz mono int16 samples: one
 * 32-bit item per 1365 samples (≈ 0.124 s), equal to `fpcalc -raw` for the same PCM.
 * Empty under ≈ 30031 samples (≈ 2.7 s): callers turn that into MEDIA_TOO_SHORT.
 *
 * @example
 *   const items = chromaprintItems(pcm);     // Uint32Array [4152350079, …]
 *   encodeFingerprint(items);                // 'AQAAO0mSRJKSJEmUKAmOG4f5…'
 */
export function chromaprintItems(samples: Int16Array): Uint32Array {
  const image = new IntegralImage(filteredChroma(samples));
  const count = Math.max(0, image.rows - MAX_CLASSIFIER_WIDTH + 1);
  const items = new Uint32Array(count);
  for (let x = 0; x < count; x++) items[x] = subFingerprint(image, x);
  return items;
}
