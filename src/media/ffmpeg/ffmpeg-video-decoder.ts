import { ConcordError } from '../../errors/concord-error.js';
import type { MediaLimits } from '../audio-decoder.js';
import { frameModFor, type VideoDecoder, type VideoFrame, type VideoFrameRequest, type VideoStreamInfo, type VideoTap } from '../video-decoder.js';
import { moovFirst } from './ffmpeg-faststart.js';
import { streamFrames } from './ffmpeg-frame-stream.js';
import { cannotStart } from './ffmpeg-locate.js';
import { failureLine } from './ffmpeg-stderr.js';
import { PIPE_INPUT, probeVideo } from './ffmpeg-video-probe.js';

export interface FfmpegVideoDecoderOptions {
  /**
   * The ffmpeg binary, or a function that finds it on first use, so that a missing
   * ffmpeg fails each video with DECODER_MISSING instead of failing start-up.
   */
  readonly ffmpeg: string | (() => string);
}

/**
 * Decodes the first video stream of any container ffmpeg reads into RGB24 frames, chosen
 * as vPDQ chooses them (see `frameModFor`), streaming bytes through stdin and frames
 * through stdout: no temp files, and one frame in memory at a time.
 *
 * - Two ffmpeg runs: a header probe for size, rate and declared duration (the frame
 *   choice needs the rate first), then the decode. `limits.timeoutMs` covers both.
 * - ffmpeg picks the frames (`select`) before converting them, so unchosen frames cost
 *   only their decoding; `-vsync passthrough` keeps it from inventing or dropping any.
 * - Frames are converted at the stream's declared size with area scaling (`size` gives
 *   size×size), as the reference's `sws_scale(SWS_AREA)` does, and never auto-rotated,
 *   since the reference hashes frames as stored. Output with Debian's FFmpeg 5.1 is
 *   bit-identical to the reference built against FFmpeg 5.1.
 * - MEDIA_TOO_LONG when the declared duration or a chosen frame's timestamp passes
 *   `limits.maxDurationSeconds`; MEDIA_TIMEOUT; MEDIA_NO_VIDEO; MEDIA_CORRUPT when
 *   nothing decodes, or a file decodes only in part (truncated or damaged).
 * - MP4/MOV with the index at the end is rewritten in memory first (ffmpeg-faststart.ts).
 *
 * @example
 *   const decoder = new FfmpegVideoDecoder({ ffmpeg: () => locateFfmpeg(env).path });
 *   await decoder.frames(bytes, { secondsPerHash: 1 }, DEFAULT_MEDIA_LIMITS, ({ index, image }) => use(index, pdqHash(image)));
 */
export class FfmpegVideoDecoder implements VideoDecoder {
  private readonly find: () => string;
  private found: string | undefined;

  constructor(options: FfmpegVideoDecoderOptions) {
    const { ffmpeg } = options;
    this.find = typeof ffmpeg === 'string' ? () => ffmpeg : ffmpeg;
  }

  /** The binary in use; throws DECODER_MISSING when it cannot be found. */
  get ffmpegPath(): string {
    this.found ??= this.find();
    return this.found;
  }

  async frames(bytes: Uint8Array, request: VideoFrameRequest, limits: MediaLimits, onFrame: (frame: VideoFrame) => void): Promise<VideoStreamInfo> {
    return (await this.taps(bytes, [{ request, onFrame }], limits))[0]!;
  }

  async taps(bytes: Uint8Array, taps: readonly VideoTap[], limits: MediaLimits): Promise<VideoStreamInfo[]> {
    if (taps.length === 0) throw new RangeError('taps needs at least one frame request');
    const ffmpeg = this.ffmpegPath;
    const deadline = Date.now() + limits.timeoutMs;
    const input = moovFirst(bytes);
    const probed = await probeVideo(ffmpeg, input, limits);
    const { fps } = probed;
    const outputs = taps.map(({ request, onFrame }) => {
      const frameMod = frameModFor(request.secondsPerHash, fps);
      const width = request.size ?? probed.width;
      const height = request.size ?? probed.height;
      const state = { lastIndex: -1 };
      const take = (data: Uint8Array, n: number, stop: (reason: string) => void) => {
        const index = n * frameMod;
        const timestamp = index / fps;
        if (timestamp > limits.maxDurationSeconds) return stop(`the video runs past the limit of ${limits.maxDurationSeconds} s`);
        state.lastIndex = index;
        onFrame({ index, timestamp, image: { width, height, channels: 3, data } });
      };
      return { choice: { frameMod, width, height }, frameBytes: width * height * 3, onFrame: take, state };
    });
    const [first, ...more] = outputs;
    const result = await streamFrames(ffmpeg, {
      args: outputs.length === 1 ? videoFrameArgs(first!.choice.frameMod, first!.choice.width, first!.choice.height) : videoTapArgs(outputs.map((o) => o.choice)),
      stdin: input,
      frameBytes: first!.frameBytes,
      onFrame: first!.onFrame,
      more,
      timeoutMs: Math.max(1, deadline - Date.now()),
    });
    switch (result.kind) {
      case 'spawn-failed':
        throw new ConcordError('DECODER_MISSING', cannotStart(ffmpeg, result.error.code));
      case 'timeout':
        throw new ConcordError('MEDIA_TIMEOUT', `decoding took longer than ${limits.timeoutMs} ms and was stopped`);
      case 'stopped':
        throw new ConcordError('MEDIA_TOO_LONG', result.reason);
      case 'failed':
        throw result.error;
      case 'exited': {
        if (result.exitCode !== 0) throw new ConcordError('MEDIA_CORRUPT', `ffmpeg could not decode the video: ${failureLine(result.stderrTail)}`);
        const counts = [result.frames, ...result.moreFrames];
        if (counts.some((n) => n === 0)) throw new ConcordError('MEDIA_CORRUPT', `ffmpeg decoded no frames: ${failureLine(result.stderrTail)}`);
        // At `-v error` any stderr line is an error: the file decoded only in part. A signal
        // from part of a video would be mistaken for the whole, so it is refused.
        if (result.stderrTail.trim()) throw new ConcordError('MEDIA_CORRUPT', `the video is truncated or damaged (it decoded only in part): ${failureLine(result.stderrTail)}`);
        return outputs.map(({ choice, state }, k) => ({
          fps,
          width: choice.width,
          height: choice.height,
          frames: counts[k]!,
          durationSeconds: probed.durationSeconds ?? Math.round(((state.lastIndex + 1) / fps) * 1000) / 1000,
        }));
      }
    }
  }
}

/** One output of a shared decode: every `frameMod`-th frame at width×height. */
export interface FrameChoice {
  readonly frameMod: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The command line of a decode with several outputs: the stream is split once after
 * decoding, each branch chooses and converts its frames as `videoFrameArgs` does, and
 * branch k goes out raw on `pipe:1` (k = 0), then `pipe:3`, `pipe:4`, ….
 */
export function videoTapArgs(choices: readonly FrameChoice[]): string[] {
  const labels = choices.map((_, k) => `[s${k}]`).join('');
  const branches = choices.map(({ frameMod, width, height }, k) => `[s${k}]${chooseAndScale(frameMod, width, height)}[o${k}]`);
  const graph = [`[0:V:0]split=${choices.length}${labels}`, ...branches].join(';');
  return [
    ...PIPE_INPUT, '-v', 'error',
    '-noautorotate',
    '-i', 'pipe:0',
    '-filter_complex', graph,
    '-vsync', 'passthrough',
    ...choices.flatMap((_, k) => ['-map', `[o${k}]`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', k === 0 ? 'pipe:1' : `pipe:${k + 2}`]),
  ];
}

const chooseAndScale = (frameMod: number, width: number, height: number): string =>
  [...(frameMod > 1 ? [`select='not(mod(n\\,${frameMod}))'`] : []), `scale=${width}:${height}:flags=area`].join(',');

/** The decode command line: choose every `frameMod`-th frame, then convert it to width×height RGB24. */
export function videoFrameArgs(frameMod: number, width: number, height: number): string[] {
  return [
    ...PIPE_INPUT, '-v', 'error',
    '-noautorotate',
    '-i', 'pipe:0',
    '-map', '0:V:0', '-an', '-sn', '-dn',
    '-vf', chooseAndScale(frameMod, width, height),
    // `-fps_mode passthrough` in FFmpeg ≥ 5.1; `-vsync` is still accepted there and also by 4.x.
    '-vsync', 'passthrough',
    '-pix_fmt', 'rgb24',
    '-f', 'rawvideo', 'pipe:1',
  ];
}
