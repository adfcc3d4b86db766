import { BANDS, filterChroma } from './chromaprint-chroma.js';
import { IntegralImage, MAX_CLASSIFIER_WIDTH, subFingerprint } from './chromaprint-classifiers.js';

/**
 * How a query's audio was changed relative to the known recording, to be undone before
 * fingerprinting: `tempo` = how many times faster the query plays (atempo: pitch kept);
 * `semitones` = how far its pitch was raised (0 for a pure tempo change; a sped-up tape,
 * `asetrate`, raises it by 12·log2(tempo)).
 */
export interface TempoChange {
  readonly tempo: number;
  readonly semitones: number;
}

/**
 * Chromaprint items of the same audio as if it had been played at the known recording's
 * tempo and pitch: the raw chroma rows of the query are resampled in time (row k of the
 * result is the query at row k / tempo, linearly interpolated) and, for a pitch change,
 * rotated back around the 12 bands, then filtered and classified exactly as the plain
 * fingerprint is. The FFTs (nearly all the work) are not redone, so each change costs
 * about a millisecond for 120 s.
 *
 * Resampling the items themselves instead would leave the classifiers (16 rows wide)
 * seeing a compressed chromagram; resampling the chroma lets them see the original one.
 *
 * @example
 *   const { raw, frames } = stream.chroma();
 *   itemsAtTempo(raw, frames, { tempo: 1.05, semitones: 0 });   // items on the original's time line
 */
export function itemsAtTempo(raw: Float64Array, frames: number, change: TempoChange): Uint32Array {
  const stretched = resample(raw, frames, change);
  const image = new IntegralImage(filterChroma(stretched.rows, stretched.frames));
  const count = Math.max(0, image.rows - MAX_CLASSIFIER_WIDTH + 1);
  const items = new Uint32Array(count);
  for (let x = 0; x < count; x++) items[x] = subFingerprint(image, x);
  return items;
}

function resample(raw: Float64Array, frames: number, { tempo, semitones }: TempoChange): { rows: Float64Array; frames: number } {
  if (frames < 2) return { rows: raw.slice(0, frames * BANDS), frames };
  const out = Math.floor((frames - 1) * tempo) + 1;
  const rows = new Float64Array(out * BANDS);
  const row = new Float64Array(BANDS);
  for (let k = 0; k < out; k++) {
    const at = Math.min(frames - 1, k / tempo);
    const i = Math.floor(at);
    const f = at - i;
    const j = Math.min(frames - 1, i + 1);
    for (let b = 0; b < BANDS; b++) row[b] = raw[i * BANDS + b]! * (1 - f) + raw[j * BANDS + b]! * f;
    if (semitones === 0) rows.set(row, k * BANDS);
    else rotateBands(row, semitones, rows, k * BANDS);
  }
  return { rows, frames: out };
}

/** Band b of the output takes the query's band b + semitones (circular, linearly interpolated): pitch moved back down. */
function rotateBands(row: Float64Array, semitones: number, out: Float64Array, o: number): void {
  for (let b = 0; b < BANDS; b++) {
    const at = b + semitones;
    const lo = Math.floor(at);
    const f = at - lo;
    const x = row[((lo % BANDS) + BANDS) % BANDS]!;
    const y = row[(((lo + 1) % BANDS) + BANDS) % BANDS]!;
    out[o + b] = x * (1 - f) + y * f;
  }
}
