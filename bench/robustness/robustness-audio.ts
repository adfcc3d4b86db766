import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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
    t('speed 0.95×', 'atempo=0.95 (slower, same pitch)', ['-af', 'atempo=0.95', ...wav]),
    t('telephone band', '300–3400 Hz band, 8 kHz G.711 µ-law (as over a phone line)', ['-af', 'highpass=f=300,lowpass=f=3400', '-ac', '1', '-ar', '8000', '-c:a', 'pcm_mulaw', '-f', 'wav']),
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

/**
 * Real recordings from Debian packages (music for games, CC-BY-SA/GPL), where installed
 * (`npm run bench:robustness:setup` installs them: asc-music drascula-music fb-music-high
 * hyperrogue-music wesnoth-1.16-music). Each found file gives one
 * original: its first 60 s as a 44.1 kHz stereo WAV; files under 30 s are left out.
 */
export const PACKAGED_MUSIC_DIRS: readonly { package: string; dir: string; pattern: RegExp; skip?: RegExp }[] = [
  { package: 'asc-music', dir: '/usr/share/games/asc/music', pattern: /\.mp3$/ },
  { package: 'fb-music-high', dir: '/usr/share/games/frozen-bubble/snd', pattern: /\.xm$/ },
  // Track 30 is track 1's music again (plain Chromaprint distance 60 over their first 120 s):
  // shared material, not an impostor pair.
  { package: 'drascula-music', dir: '/usr/share/scummvm/drascula/audio', pattern: /^track\d+\.ogg$/, skip: /^track30\.ogg$/ },
  // Distractors (after the transformed ones): more unrelated music, so the audio impostor pairs number in the tens of thousands.
  { package: 'hyperrogue-music', dir: '/usr/share/hyperrogue/music', pattern: /\.ogg$/, skip: /^hr-savino-caribbean\.ogg$/ }, // that file does not decode (ffmpeg: invalid Ogg header)
  // frantic-old.ogg is an earlier mix of frantic.ogg (shared material); silence.ogg is what it says.
  { package: 'wesnoth-1.16-music', dir: '/usr/share/games/wesnoth/1.16/data/core/music', pattern: /\.ogg$/, skip: /^(frantic-old|silence)\.ogg$/ },
];
const PACKAGED_SECONDS = 60;
const MIN_PACKAGED_SECONDS = 30;

/** The music packages whose folder is there. */
export const packagedMusicPackages = (): string[] => PACKAGED_MUSIC_DIRS.filter((d) => existsSync(d.dir)).map((d) => d.package);

/** Every packaged recording found, in a stable order (by folder, then name with numbers compared as numbers). */
export function packagedMusicFiles(): string[] {
  const files: string[] = [];
  for (const { dir, pattern, skip } of PACKAGED_MUSIC_DIRS) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).filter((n) => pattern.test(n) && !skip?.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    files.push(...names.map((n) => join(dir, n)));
  }
  return files;
}

/** The first 60 s of each packaged recording that lasts at least 30 s, as WAV originals named after the file. */
export async function packagedAudioOriginals(ffmpeg: string, files: readonly string[]): Promise<MediaItem[]> {
  const tasks = files.map((file) => async (): Promise<MediaItem | undefined> => {
    let bytes: Uint8Array;
    try {
      bytes = finishWav(await runFfmpeg(ffmpeg, ['-i', file, '-t', String(PACKAGED_SECONDS), '-ac', '2', '-ar', '44100', ...wav, 'pipe:1']));
    } catch {
      // A packaged file ffmpeg cannot read (one of hyperrogue's Ogg files fails its header check) is left out, as a short one is.
      return undefined;
    }
    const seconds = (bytes.length - 44) / (44100 * 4);
    if (seconds < MIN_PACKAGED_SECONDS) return undefined;
    return { kind: 'audio', original: `${basename(dirname(dirname(file)))}/${basename(file)}`, transform: ORIGINAL, bytes };
  });
  return (await inPool(tasks, 2)).filter((x): x is MediaItem => x !== undefined);
}
