import { chromaKernel, type ChromaKernel, type ChromaTables } from './chromaprint-chroma-kernel.js';

/** Chromaprint's analysis constants (specs/chromaprint.md §1–5). */
export const SAMPLE_RATE = 11025;
export const FRAME_SIZE = 4096;
export const HOP = 1365;
export const BANDS = 12;
const MIN_FREQ = 28;
const MAX_FREQ = 3520;
const FIR = [0.25, 0.75, 1.0, 0.75, 0.25] as const;
const NORM_FLOOR = 0.01;

/** Number of whole frames in `length` samples. */
export const frameCount = (length: number): number => (length < FRAME_SIZE ? 0 : Math.floor((length - FRAME_SIZE) / HOP) + 1);

const freqToIndex = (freq: number): number => Math.round((FRAME_SIZE * freq) / SAMPLE_RATE);

/** Chroma band of each FFT bin in [MIN_INDEX, MAX_INDEX). */
const MIN_INDEX = Math.max(1, freqToIndex(MIN_FREQ));
const MAX_INDEX = Math.min(FRAME_SIZE / 2, freqToIndex(MAX_FREQ));
const BAND_OF_BIN = (() => {
  const bands = new Uint8Array(MAX_INDEX);
  for (let k = MIN_INDEX; k < MAX_INDEX; k++) {
    const freq = (k * SAMPLE_RATE) / FRAME_SIZE;
    const octave = Math.log(freq / 27.5) / Math.LN2;
    bands[k] = Math.trunc(BANDS * (octave - Math.floor(octave)));
  }
  return bands;
})();

/** Hamming window pre-scaled for int16 input, evaluated as chromaprint does. */
const WINDOW = (() => {
  const w = new Float64Array(FRAME_SIZE);
  for (let i = 0; i < FRAME_SIZE; i++) w[i] = (1.0 / 32767) * (0.54 - 0.46 * Math.cos((i * 2.0 * Math.PI) / (FRAME_SIZE - 1)));
  return w;
})();

/** The window and bin-to-band map of chromaprint-chroma-kernel.ts. */
export const CHROMA_TABLES: ChromaTables = { window: WINDOW, bandOfBin: BAND_OF_BIN, minIndex: MIN_INDEX, maxIndex: MAX_INDEX };

/**
 * The same analysis on the telephone band only (bins of 320–3200 Hz): what survives a
 * phone line or a narrowband codec (300–3400 Hz), for `audio_chromaprint_narrowband`.
 * Music's chroma is dominated by its bass, which a phone line removes; fingerprints of
 * the full band then differ from the known recording's, those of this band do not.
 */
export const NARROWBAND_TABLES: ChromaTables = { ...CHROMA_TABLES, minIndex: freqToIndex(320), maxIndex: freqToIndex(3200) };

const sharedKernels = new Map<ChromaTables, ChromaKernel>();
/** Built on first use and shared: each frame is analysed synchronously, start to end. */
const kernel = (tables: ChromaTables): ChromaKernel => {
  let found = sharedKernels.get(tables);
  if (!found) sharedKernels.set(tables, (found = chromaKernel(tables)));
  return found;
};

/**
 * Raw 12-band chroma rows, computed frame by frame as samples arrive, so that the FFTs
 * run while the decoder is still producing the rest of the file. Keeps only the samples
 * of the frame in progress (< 4096) and the rows (96 bytes a frame).
 *
 * @example
 *   const chroma = new ChromaFrames();
 *   for (const chunk of pcmChunks) chroma.push(chunk);
 *   filterChroma(chroma.rows(), chroma.frames);   // = filteredChroma(allSamples)
 */
export class ChromaFrames {
  /** Samples received so far. */
  sampleCount = 0;
  /** Whole frames analysed so far. */
  frames = 0;
  private readonly pending = new Int16Array(FRAME_SIZE);
  /** Samples in `pending`, whose first is the start of the next frame. */
  private pendingLength = 0;
  private raw = new Float64Array(256 * BANDS);
  private readonly kernel: ChromaKernel;

  /** `tables`: the band analysed, chromaprint's own by default. */
  constructor(tables: ChromaTables = CHROMA_TABLES) {
    this.kernel = kernel(tables);
  }

  push(chunk: Int16Array): void {
    this.sampleCount += chunk.length;
    let from = 0;
    // First the frames that straddle the carried samples and this chunk.
    while (this.pendingLength > 0) {
      const take = Math.min(FRAME_SIZE - this.pendingLength, chunk.length - from);
      this.append(chunk.subarray(from, from + take));
      from += take;
      if (this.pendingLength < FRAME_SIZE) return;
      this.analyse(this.pending, 0);
      const next = from - (FRAME_SIZE - HOP);
      if (next >= 0) {
        from = next;
        this.pendingLength = 0;
      } else {
        this.pending.copyWithin(0, HOP, FRAME_SIZE);
        this.pendingLength = FRAME_SIZE - HOP;
      }
    }
    // Then the frames lying wholly inside the chunk, read in place without copying.
    while (from + FRAME_SIZE <= chunk.length) {
      this.analyse(chunk, from);
      from += HOP;
    }
    this.append(chunk.subarray(from));
  }

  /** The raw rows so far, `frames × 12`, row-major. */
  rows(): Float64Array {
    return this.raw.subarray(0, this.frames * BANDS);
  }

  private append(samples: Int16Array): void {
    this.pending.set(samples, this.pendingLength);
    this.pendingLength += samples.length;
  }

  /** FFT of the windowed frame starting at `start`, folded into one chroma row. */
  private analyse(samples: Int16Array, start: number): void {
    const { kernel } = this;
    kernel.samples.set(samples.subarray(start, start + FRAME_SIZE));
    kernel.analyse();
    if ((this.frames + 1) * BANDS > this.raw.length) {
      const grown = new Float64Array(this.raw.length * 2);
      grown.set(this.raw);
      this.raw = grown;
    }
    this.raw.set(kernel.row, this.frames * BANDS);
    this.frames++;
  }
}

/**
 * The filtered, L2-normalised chromagram: one 12-value row per frame after the 5-tap
 * FIR, i.e. `frameCount − 4` rows, row-major.
 */
export function filteredChroma(samples: Int16Array): Float64Array {
  const chroma = new ChromaFrames();
  chroma.push(samples);
  return filterChroma(chroma.rows(), chroma.frames);
}

/** The 5-tap FIR over `frames` raw rows, each output row L2-normalised. */
export function filterChroma(raw: Float64Array, frames: number): Float64Array {
  const rows = Math.max(0, frames - FIR.length + 1);
  const out = new Float64Array(rows * BANDS);
  for (let t = 0; t < rows; t++) {
    const o = t * BANDS;
    for (let b = 0; b < BANDS; b++) {
      let acc = 0;
      for (let j = 0; j < FIR.length; j++) acc += raw[(t + j) * BANDS + b]! * FIR[j]!;
      out[o + b] = acc;
    }
    normalise(out, o);
  }
  return out;
}

/** Divides one row by its L2 norm; near-silent rows (norm < 0.01) become zeros. */
function normalise(rows: Float64Array, o: number): void {
  let squares = 0;
  for (let b = 0; b < BANDS; b++) squares += rows[o + b]! * rows[o + b]!;
  const norm = squares > 0 ? Math.sqrt(squares) : 0;
  for (let b = 0; b < BANDS; b++) rows[o + b] = norm < NORM_FLOOR ? 0 : rows[o + b]! / norm;
}
