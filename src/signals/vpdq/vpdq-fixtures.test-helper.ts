import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ConcordError } from '../../errors/concord-error.js';
import type { MediaLimits } from '../../media/audio-decoder.js';
import { FfmpegVideoDecoder } from '../../media/ffmpeg/ffmpeg-video-decoder.js';
import { DEFAULT_IMAGE_LIMITS, type ImageDecoder } from '../../media/image-decoder.js';
import type { VideoDecoder } from '../../media/video-decoder.js';
import { fixturePath } from '../../testing/repo-root.js';
import type { MediaPorts } from '../content-source.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { parseVpdqLines } from './vpdq-lines.js';

import { TEST_FFMPEG } from '../../testing/test-ffmpeg.js';

export { SKIP_NO_FFMPEG, TEST_FFMPEG } from '../../testing/test-ffmpeg.js';

export const TEST_LIMITS: MediaLimits = { maxDurationSeconds: 3600, timeoutMs: 60_000 };

export const vpdqVector = (...parts: string[]): string => fixturePath('vectors', 'vpdq', ...parts);

/** The sample videos, by the name their hash files share. */
export const SAMPLE_VIDEOS = ['doorknob-hd-no-bar', 'pattern-sd-grey-bar', 'pattern-sd-with-small-logo-bar', 'test-padded-dimensions'] as const;

export const sampleVideo = (name: string): Buffer => readFileSync(vpdqVector('videos', `${name}.mp4`));

/** Frames of a file in the reference tool's line form. */
export function readLinesFile(path: string): VpdqFrame[] {
  const parsed = parseVpdqLines(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
  return parsed.value;
}

/** The `pytx_*` columns of match-matrix.tsv. */
export interface MatrixRow {
  readonly query: string;
  readonly compared: string;
  readonly queryPercent: number;
  readonly comparedPercent: number;
  readonly isMatch: boolean;
}

export function readMatchMatrix(): MatrixRow[] {
  const [header, ...rows] = readFileSync(vpdqVector('match-matrix.tsv'), 'utf8').trim().split('\n');
  const columns = header!.replace(/^#/, '').split('\t');
  const at = (name: string) => columns.findIndex((c) => c.startsWith(name));
  return rows.map((line) => {
    const f = line.split('\t');
    return {
      query: f[at('query')]!,
      compared: f[at('compared')]!,
      queryPercent: Number(f[at('pytx_query_pct')]),
      comparedPercent: Number(f[at('pytx_compared_pct')]),
      isMatch: f[at('pytx_is_match')] === '1',
    };
  });
}

export const videoDecoder = (): VideoDecoder => new FfmpegVideoDecoder({ ffmpeg: TEST_FFMPEG! });

const noImages: ImageDecoder = {
  decode: () => Promise.reject(new ConcordError('MEDIA_UNSUPPORTED', 'no images in video tests')),
};

/** Ports for video content: ffmpeg frames, no image decoder. (`videoDecoder` is not yet a MediaPorts field.) */
export function videoPorts(limits: MediaLimits = TEST_LIMITS): MediaPorts {
  const ports = { imageDecoder: noImages, imageLimits: DEFAULT_IMAGE_LIMITS, videoDecoder: videoDecoder(), mediaLimits: limits };
  return ports;
}

/** Runs ffmpeg (with `input` on stdin, for `-i pipe:0`) and returns what it wrote to stdout; the last args name the output format. */
export function ffmpegOutput(args: readonly string[], input?: Uint8Array): Buffer {
  const r = spawnSync(TEST_FFMPEG!, ['-v', 'error', ...args, 'pipe:1'], { maxBuffer: 1 << 28, input });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Whether `err` is a ConcordError with `code` (for assert.rejects). */
export const hasCode = (code: string) => (err: unknown): boolean => err instanceof ConcordError && err.code === code;
