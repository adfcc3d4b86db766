import { between, pick, seededRandom } from './robustness-random.js';

/** Rate the pieces are synthesised at (output is resampled to 44.1 kHz): half the work of 44.1 kHz, and more than Chromaprint's 11 kHz. */
export const MUSIC_RATE = 22050;

/**
 * A lavfi filtergraph fragment (source filters only, no inputs) that ends in `[<label>]`:
 * a seeded, music-like piece. Plain tones fingerprint poorly, so each piece has a
 * repeating melodic phrase on a modal scale, a bass line following a chord loop with
 * a pitch-dropping kick, band-passed noise hats and snare gated by rhythmic envelopes
 * (`amultiply`), a chord pad with tremolo, and occasional FM sweeps. Tempo, key, mode,
 * phrase, chord loop and timbre all come from the seed, so pieces are unrelated.
 *
 * @example
 *   const graph = musicGraph(3, 'music');   // '…aevalsrc=…[m3];…amix=…[music]'
 *   ffmpeg -filter_complex graph -map '[music]' -t 30 out.wav
 */
export function musicGraph(seed: number, label: string): string {
  const rng = seededRandom(seed * 7919 + 17);
  const bps = (between(rng, 84, 146) / 60).toFixed(4);
  const root = (110 * 2 ** (between(rng, 0, 11) / 12)).toFixed(3);
  // Seven scale degrees mapped to semitones by rounding d·12/7 (a dorian-like mode), or five (pentatonic).
  const degrees = pick(rng, [7, 5]);
  const semis = (d: string) => `floor((${d})*12/${degrees}+0.5)`;
  const phrase = pick(rng, [8, 12, 16]);
  const noteRate = pick(rng, [1, 2, 2, 3]);
  const [a, b, c, g] = [between(rng, 1, 6), between(rng, 1, 9), between(rng, 0, 6), between(rng, 1, 5)];
  // Note n of the phrase: a quadratic residue walk over the scale, shifted every two phrases.
  const n = `mod(floor(t*${bps}*${noteRate}),${phrase})`;
  const section = `floor(t*${bps}*${noteRate}/${2 * phrase})`;
  const degree = `mod(${n}*${n}*${a}+${n}*${b}+${c}+${section}*${g},${degrees})`;
  const octave = `12*mod(floor(${n}/${between(rng, 2, 4)})*${between(rng, 1, 3)},2)`;
  const melodyDecay = between(rng, 2, 6);
  const h2 = (0.2 + rng() * 0.5).toFixed(2);
  const h3 = (0.1 + rng() * 0.3).toFixed(2);
  const melody =
    `aevalsrc='st(0,2*PI*${root}*2*pow(2,(${semis(degree)}+${octave})/12)*t);` +
    `0.28*exp(-${melodyDecay}*mod(t*${bps}*${noteRate},1))*(sin(ld(0))+${h2}*sin(2*ld(0))+${h3}*sin(3*ld(0)))':s=${MUSIC_RATE}`;

  // A four-chord loop, one chord a bar.
  const [p, q] = [between(rng, 1, 6), between(rng, 0, 6)];
  const chord = `mod(floor(t*${bps}/4)*${p}+${q},${degrees})`;
  const kick = `0.5*sin(2*PI*50*t+6*exp(-25*mod(t*${bps},1)))*exp(-9*mod(t*${bps},1))`;
  const bass =
    `aevalsrc='st(0,2*PI*${root}/2*pow(2,${semis(chord)}/12)*t);` +
    `0.3*exp(-2*mod(t*${bps}*2,1))*(sin(ld(0))+0.3*sin(2*ld(0)))+${kick}':s=${MUSIC_RATE}`;
  const pad =
    `aevalsrc='st(0,2*PI*${root}*pow(2,${semis(chord)}/12)*t);` +
    `0.07*(sin(ld(0))+sin(ld(0)*${pick(rng, ['1.1892', '1.2599'])})+sin(ld(0)*1.4983))':s=${MUSIC_RATE},` +
    `tremolo=f=${between(rng, 2, 7)}:d=${(0.3 + rng() * 0.5).toFixed(2)}`;
  const period = between(rng, 5, 9);
  const sweep =
    `aevalsrc='gt(mod(t,${period}),${period - 1.5})*0.15*sin(2*PI*(${between(rng, 300, 900)}*t+${between(rng, 20, 90)}*sin(2*PI*${(rng() * 3 + 0.5).toFixed(2)}*t)))':s=${MUSIC_RATE}`;
  const hat = `anoisesrc=color=white:seed=${seed}:amplitude=0.5:r=${MUSIC_RATE},bandpass=f=${between(rng, 5000, 9000)}:width_type=q:w=1.5`;
  const hatEnv = `aevalsrc='exp(-${between(rng, 25, 50)}*mod(t*${bps}*${pick(rng, [2, 4])}+0.5,1))':s=${MUSIC_RATE}`;
  const snare = `anoisesrc=color=pink:seed=${seed + 1000}:amplitude=0.7:r=${MUSIC_RATE},bandpass=f=${between(rng, 900, 2500)}:width_type=q:w=0.8`;
  const snareEnv = `aevalsrc='exp(-${between(rng, 12, 25)}*mod(t*${bps}/2+0.5,1))':s=${MUSIC_RATE}`;
  const s = `${seed}`;
  return [
    `${melody}[m${s}]`,
    `${bass}[b${s}]`,
    `${pad}[p${s}]`,
    `${sweep}[w${s}]`,
    `${hat}[hn${s}]`,
    `${hatEnv}[he${s}]`,
    `[hn${s}][he${s}]amultiply[h${s}]`,
    `${snare}[sn${s}]`,
    `${snareEnv}[se${s}]`,
    `[sn${s}][se${s}]amultiply[sd${s}]`,
    `[m${s}][b${s}][p${s}][w${s}][h${s}][sd${s}]amix=inputs=6:normalize=0:weights=1 1 1 ${rng() < 0.6 ? 1 : 0} 0.5 0.6,` +
      `volume=0.45,aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo,asetnsamples=n=1024:p=0[${label}]`,
  ].join(';');
}
