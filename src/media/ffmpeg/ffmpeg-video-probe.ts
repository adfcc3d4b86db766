import { ConcordError } from '../../errors/concord-error.js';
import type { MediaLimits } from '../audio-decoder.js';
import { cannotStart } from './ffmpeg-locate.js';
import { runProcess } from './ffmpeg-runner.js';
import { failureLine, parseDuration } from './ffmpeg-stderr.js';

/** The first video stream of an input, as ffmpeg's `-v info` input dump describes it. */
export interface VideoStreamLine {
  readonly width: number;
  readonly height: number;
  /** `fps` (average rate), else `tbr` (real base rate); undefined when neither is shown. */
  readonly fps: number | undefined;
}

export interface ProbedVideo extends VideoStreamLine {
  readonly fps: number;
  /** From the `Duration:` line; undefined when the input declares none (`N/A`, most pipes). */
  readonly durationSeconds: number | undefined;
}

const VIDEO_STREAM = /^\s*Stream #\d+:\d+\S*: Video: (.*)$/;
// ", 1280x720" or ", 1280x720 [SAR…" or ", 1280x720," — the comma keeps "0x31637661" (a fourcc) out.
const DIMENSIONS = /, (\d+)x(\d+)(?=[ ,]|$)/;
const RATE = (unit: string) => new RegExp(`, (\\d+(?:\\.\\d+)?)(k?) ${unit}(?=[ ,]|$)`);
const FPS = RATE('fps');
const TBR = RATE('tbr');

/**
 * Reads a `Stream #0:0…: Video: h264 …, 1280x720 […], 877 kb/s, 29.97 fps, 29.97 tbr, …`
 * line; undefined for other lines and for cover art (`attached pic`), which vPDQ skips.
 *
 * @example
 *   parseVideoStreamLine('  Stream #0:0[0x1](eng): Video: h264 (Main) (avc1 / 0x31637661), yuv420p(progressive), 320x240, 30 fps, 30 tbr, 15360 tbn');
 *   // { width: 320, height: 240, fps: 30 }
 */
export function parseVideoStreamLine(line: string): VideoStreamLine | undefined {
  const stream = VIDEO_STREAM.exec(line);
  if (!stream || /\(attached pic\)/.test(line)) return undefined;
  const rest = stream[1]!;
  const size = DIMENSIONS.exec(rest);
  if (!size) return undefined;
  const rate = FPS.exec(rest) ?? TBR.exec(rest);
  const fps = rate ? exactRate(Number(rate[1]) * (rate[2] ? 1000 : 1)) : undefined;
  return { width: Number(size[1]), height: Number(size[2]), fps: fps && fps > 0 ? fps : undefined };
}

/**
 * ffmpeg prints rates to 2 decimals (23.98 for 24000/1001). A printed rate that the
 * NTSC family k×1000/1001 would print as is taken to be that rate, exactly, so
 * timestamps `index / fps` do not drift; other rates are taken as printed (25, 12.5).
 */
export function exactRate(printed: number): number {
  if (Number.isInteger(printed)) return printed;
  const ntsc = (Math.round(printed * 1.001) * 1000) / 1001;
  return Math.round(ntsc * 100) === Math.round(printed * 100) ? ntsc : printed;
}

/** The common ffmpeg arguments for reading an input from stdin, and only from stdin. */
export const PIPE_INPUT = ['-nostdin', '-hide_banner', '-nostats', '-protocol_whitelist', 'pipe'] as const;

/**
 * Runs `ffmpeg -i pipe:0` with no output, which prints the input dump and stops: the
 * first video stream's size and rate and the declared duration, before any frame is
 * decoded (the frame choice needs the rate up front). Throws MEDIA_CORRUPT (unreadable
 * input), MEDIA_NO_VIDEO, MEDIA_TOO_LONG (declared duration over the limit),
 * MEDIA_TIMEOUT or DECODER_MISSING.
 */
export async function probeVideo(ffmpeg: string, input: Uint8Array, limits: MediaLimits): Promise<ProbedVideo> {
  let opened = false;
  let durationSeconds: number | undefined;
  let stream: VideoStreamLine | undefined;
  const result = await runProcess(ffmpeg, {
    args: [...PIPE_INPUT, '-v', 'info', '-i', 'pipe:0'],
    stdin: input,
    maxStdoutBytes: 1024,
    timeoutMs: limits.timeoutMs,
    onStderrLine: (line, stop) => {
      if (/^Input #0,/.test(line)) opened = true;
      durationSeconds ??= parseDuration(line);
      if (durationSeconds !== undefined && durationSeconds > limits.maxDurationSeconds) {
        stop(`the media lasts ${durationSeconds.toFixed(1)} s, over the limit of ${limits.maxDurationSeconds} s`);
      }
      stream ??= parseVideoStreamLine(line);
    },
  });
  switch (result.kind) {
    case 'spawn-failed':
      throw new ConcordError('DECODER_MISSING', cannotStart(ffmpeg, result.error.code));
    case 'timeout':
      throw new ConcordError('MEDIA_TIMEOUT', `reading the video's header took longer than ${limits.timeoutMs} ms and was stopped`);
    case 'stopped':
      throw new ConcordError('MEDIA_TOO_LONG', result.reason);
    default:
      // Exits 1 by design ("At least one output file must be specified"): the dump is what counts.
      if (!opened) throw new ConcordError('MEDIA_CORRUPT', `ffmpeg could not read the video: ${failureLine(result.stderrTail)}`);
      if (!stream) throw new ConcordError('MEDIA_NO_VIDEO', 'the file has no video stream');
      if (stream.width === 0 || stream.height === 0) throw new ConcordError('MEDIA_CORRUPT', 'the video stream declares no frame size');
      if (stream.fps === undefined) throw new ConcordError('MEDIA_CORRUPT', 'the video stream declares no frame rate');
      return { ...stream, fps: stream.fps, durationSeconds };
  }
}
