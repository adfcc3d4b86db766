import type { ChromaTables } from './chromaprint-chroma-kernel.js';
import { CHROMA_TABLES, ChromaFrames, filterChroma } from './chromaprint-chroma.js';
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
  const stream = new ChromaprintStream();
  stream.push(samples);
  return stream.finish();
}

/**
 * The same items, fed chunk by chunk while the audio is being decoded: the FFTs (nearly
 * all the work) run as chunks arrive, and `finish` does the cheap rest. Chunks may have
 * any length; the items equal `chromaprintItems` of the concatenation.
 *
 * @example
 *   const stream = new ChromaprintStream();
 *   await decoder.decodeMono(bytes, request, limits, (chunk) => stream.push(chunk));
 *   const items = stream.finish();
 */
export class ChromaprintStream {
  private readonly analysis: ChromaFrames;

  /** `tables`: the band analysed; chromaprint's own (fpcalc's items) by default. */
  constructor(tables: ChromaTables = CHROMA_TABLES) {
    this.analysis = new ChromaFrames(tables);
  }

  push(samples: Int16Array): void {
    this.analysis.push(samples);
  }

  /** Samples pushed so far. */
  get sampleCount(): number {
    return this.analysis.sampleCount;
  }

  /** The raw chroma rows so far (`frames × 12`), for fingerprints of the same audio at another tempo (chromaprint-tempo.ts). */
  chroma(): { raw: Float64Array; frames: number } {
    return { raw: this.analysis.rows(), frames: this.analysis.frames };
  }

  finish(): Uint32Array {
    const image = new IntegralImage(filterChroma(this.analysis.rows(), this.analysis.frames));
    const count = Math.max(0, image.rows - MAX_CLASSIFIER_WIDTH + 1);
    const items = new Uint32Array(count);
    for (let x = 0; x < count; x++) items[x] = subFingerprint(image, x);
    return items;
  }
}
