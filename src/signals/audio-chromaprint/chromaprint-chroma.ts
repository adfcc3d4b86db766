import { RealFft } from './chromaprint-fft.js';

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

/**
 * The filtered, L2-normalised chromagram: one 12-value row per frame after the 5-tap
 * FIR, i.e. `frameCount − 4` rows, row-major.
 */
export function filteredChroma(samples: Int16Array): Float64Array {
  const frames = frameCount(samples.length);
  const raw = new Float64Array(frames * BANDS);
  const fft = new RealFft(FRAME_SIZE);
  const input = new Float64Array(FRAME_SIZE);
  const power = new Float64Array(FRAME_SIZE / 2 + 1);
  for (let f = 0; f < frames; f++) {
    const start = f * HOP;
    for (let i = 0; i < FRAME_SIZE; i++) input[i] = samples[start + i]! * WINDOW[i]!;
    fft.powerSpectrum(input, power);
    const row = f * BANDS;
    for (let k = MIN_INDEX; k < MAX_INDEX; k++) raw[row + BAND_OF_BIN[k]!] += power[k]!;
  }
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
