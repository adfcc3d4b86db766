import { inPool, runFfmpeg } from './robustness-ffmpeg.js';
import { ORIGINAL, type MediaItem, type Transform } from './robustness-item.js';
import { musicGraph } from './robustness-music.js';
import { seededRandom } from './robustness-random.js';

/** Lengths of the audio originals in seconds, one per original (cycled). */
const LENGTHS = [30, 36, 42, 48, 54, 60];

/** `count` stereo 44.1 kHz 16-bit WAVs of 30–60 s, each an unrelated music-like piece. */
export async function audioOriginals(ffmpeg: string, count: number): Promise<MediaItem[]> {
  const tasks = Array.from({ length: count }, (_, i) => async (): Promise<MediaItem> => {
    const seconds = LENGTHS[i % LENGTHS.length]!;
    const bytes = finishWav(await runFfmpeg(ffmpeg, ['-filter_complex', musicGraph(i + 1, 'a'), '-map', '[a]', '-t', String(seconds), ...wav, 'pipe:1']));
    return { kind: 'audio', original: `${i + 1}-piece-${seconds}s`, transform: ORIGINAL, bytes };
  });
  return inPool(tasks, 2);
}

/** An ffmpeg run over the original WAV on stdin, writing `format` to stdout. */
const viaFfmpeg = (ffmpeg: string, args: readonly string[]) => async (input: Uint8Array) => finishWav(await runFfmpeg(ffmpeg, ['-i', 'pipe:0', ...args, 'pipe:1'], input));
const wav = ['-c:a', 'pcm_s16le', '-f', 'wav'];

/** The audio transformations, each from the original WAV's bytes. */
export function audioTransforms(ffmpeg: string): Transform<Uint8Array>[] {
  const t = (name: string, description: string, args: readonly string[]): Transform<Uint8Array> => ({ name, description, apply: viaFfmpeg(ffmpeg, args) });
  return [
    t('MP3 64k', 'libmp3lame CBR 64 kbit/s', ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3']),
    t('Ogg Vorbis', 'libvorbis quality 2 (≈ 96 kbit/s)', ['-c:a', 'libvorbis', '-q:a', '2', '-f', 'ogg']),
    t('volume +6 dB', 'gain +6 dB (peaks reach about −1.5 dBFS)', ['-af', 'volume=6dB', ...wav]),
    t('volume −6 dB', 'gain −6 dB', ['-af', 'volume=-6dB', ...wav]),
    { name: 'noise 20 dB SNR', description: 'white Gaussian noise 20 dB under the signal power', apply: async (bytes) => withNoise(bytes, 20, 7) },
    t('excerpt 15 s', 'the 15 s from 10 s to 25 s', ['-ss', '10', '-t', '15', ...wav]),
    t('speed 1.05×', 'atempo=1.05 (faster, same pitch)', ['-af', 'atempo=1.05', ...wav]),
    t('speed 1.05× + pitch', 'asetrate ×1.05 (faster and 0.84 semitone higher, as a sped-up tape)', ['-af', 'asetrate=44100*1.05,aresample=44100', ...wav]),
  ];
}

/** Every transform of every original, two at a time. */
export async function audioVariants(ffmpeg: string, originals: readonly MediaItem[]): Promise<MediaItem[]> {
  const tasks = originals.flatMap((o) =>
    audioTransforms(ffmpeg).map((t) => async (): Promise<MediaItem> => ({ kind: 'audio', original: o.original, transform: t.name, bytes: await t.apply(o.bytes) })),
  );
  return inPool(tasks, 2);
}

/** The WAV with Gaussian white noise at `snrDb` below the signal's mean power (over all channels). */
export function withNoise(bytes: Uint8Array, snrDb: number, seed: number): Uint8Array {
  const { offset, length } = dataChunk(bytes);
  const out = Buffer.from(bytes);
  const view = new DataView(out.buffer, out.byteOffset + offset, length);
  const n = length >> 1;
  let power = 0;
  for (let i = 0; i < n; i++) power += view.getInt16(i * 2, true) ** 2;
  const sigma = Math.sqrt(power / n / 10 ** (snrDb / 10));
  const rng = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    // Box–Muller: one standard normal per sample.
    const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const v = Math.round(view.getInt16(i * 2, true) + g * sigma);
    view.setInt16(i * 2, Math.max(-32768, Math.min(32767, v)), true);
  }
  return out;
}

/** A WAV piped out of ffmpeg has placeholder sizes (it cannot seek back): fill them in; other formats pass through. */
function finishWav(bytes: Buffer): Buffer {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return bytes;
  const { offset, length } = dataChunk(bytes);
  bytes.writeUInt32LE(bytes.length - 8, 4);
  bytes.writeUInt32LE(length, offset - 4);
  return bytes.subarray(0, offset + length);
}

/** Where the sample data of a 16-bit PCM WAV lies (ffmpeg writes a LIST chunk before it). */
function dataChunk(b: Uint8Array): { offset: number; length: number } {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 12; at + 8 <= b.length; ) {
    const id = String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
    const size = view.getUint32(at + 4, true);
    // A placeholder size (piped output): the data runs to the end.
    if (id === 'data') return { offset: at + 8, length: Math.min(size, b.length - at - 8) & ~1 };
    at += 8 + size + (size & 1);
  }
  throw new Error('no data chunk in the WAV');
}
