import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ConcordError } from '../../errors/concord-error.js';
import { DEFAULT_IMAGE_LIMITS, type ImageDecoder } from '../../media/image-decoder.js';
import { FfmpegAudioDecoder } from '../../media/ffmpeg/ffmpeg-audio-decoder.js';
import { fixturePath } from '../../testing/repo-root.js';
import type { MediaPorts } from '../content-source.js';

import { TEST_FFMPEG } from '../../testing/test-ffmpeg.js';

export { SKIP_NO_FFMPEG, TEST_FFMPEG } from '../../testing/test-ffmpeg.js';

export const audioVector = (...parts: string[]): string => fixturePath('vectors', 'audio', ...parts);

export const TEST_MP3 = audioVector('chromaprint-tests', 'test.mp3');
export const TEST_MP3_RAW = (): number[] => readFileSync(audioVector('derived', 'test.mp3.fpcalc-1.5.1.raw.txt'), 'utf8').trim().split(',').map(Number);
export const TEST_MP3_B64 = (): string => readFileSync(audioVector('derived', 'test.mp3.fpcalc-1.5.1.b64.txt'), 'utf8').trim();

/** Int16 samples from raw s16le bytes. */
export function pcm(path: string): Int16Array {
  const b = readFileSync(path);
  const out = new Int16Array(b.length >> 1);
  new Uint8Array(out.buffer).set(b.subarray(0, out.length * 2));
  return out;
}

const noImages: ImageDecoder = {
  decode: () => Promise.reject(new ConcordError('MEDIA_UNSUPPORTED', 'no images in audio tests')),
};

export function audioPorts(limits = { maxDurationSeconds: 3 * 60 * 60, timeoutMs: 60_000 }): MediaPorts {
  return { imageDecoder: noImages, imageLimits: DEFAULT_IMAGE_LIMITS, audioDecoder: new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG! }), mediaLimits: limits };
}

/** Runs ffmpeg (with `input` on stdin, for `-i pipe:0`) and returns what it wrote to stdout; the last args name the output format. */
export function ffmpegOutput(args: readonly string[], input?: Uint8Array): Buffer {
  const r = spawnSync(TEST_FFMPEG!, ['-v', 'error', ...args, 'pipe:1'], { maxBuffer: 1 << 28, input });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/**
 * A music-like lavfi source: three voices stepping through pseudo-random notes with
 * decaying onsets, over quiet pink noise. Different seeds give unrelated "pieces";
 * plain tones and noise make poor test content (their fingerprints barely change).
 */
export function musicSource(seed: number): string {
  const voice = (k: number) => {
    const rate = 1.3 + ((seed * 7 + k * 3) % 11) / 5;
    const notes = 5 + ((seed + k * 5) % 7);
    const base = 110 * 2 ** (((seed * 5 + k * 7) % 12) / 12) * (k + 1);
    const step = 1 + ((seed + k) % 3);
    return `0.25*exp(-3*mod(t*${rate.toFixed(2)},1))*sin(2*PI*${base.toFixed(2)}*pow(2,${step}*floor(mod(t*${rate.toFixed(2)}*${(1 + k * 0.37).toFixed(2)},${notes}))/12)*t)`;
  };
  return `aevalsrc='${voice(0)}+${voice(1)}+${voice(2)}':s=44100`;
}

/** `seconds` of `musicSource(seed)` with a little pink noise, encoded as `codec args` into `format`. */
export function makeMusic(seed: number, seconds: number, encode: readonly string[]): Buffer {
  return ffmpegOutput([
    '-f', 'lavfi', '-i', musicSource(seed),
    '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.02:seed=${seed}`,
    '-filter_complex', '[0:a][1:a]amix=inputs=2:duration=first:normalize=0',
    '-t', String(seconds), ...encode,
  ]);
}
