import { ConcordError } from '../../errors/concord-error.js';
import type { MediaLimits } from '../audio-decoder.js';
import { frameModFor, type VideoDecoder, type VideoFrame, type VideoFrameRequest, type VideoStreamInfo } from '../video-decoder.js';
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
    const ffmpeg = this.ffmpegPath;
    const deadline = Date.now() + limits.timeoutMs;
    const input = moovFirst(bytes);
    const probed = await probeVideo(ffmpeg, input, limits);
    const { fps } = probed;
    const frameMod = frameModFor(request.secondsPerHash, fps);
    const width = request.size ?? probed.width;
    const height = request.size ?? probed.height;
    let lastIndex = -1;
    const result = await streamFrames(ffmpeg, {
      args: videoFrameArgs(frameMod, width, height),
      stdin: input,
      frameBytes: width * height * 3,
      timeoutMs: Math.max(1, deadline - Date.now()),
      onFrame: (data, n, stop) => {
        const index = n * frameMod;
        const timestamp = index / fps;
        if (timestamp > limits.maxDurationSeconds) return stop(`the video runs past the limit of ${limits.maxDurationSeconds} s`);
        lastIndex = index;
        onFrame({ index, timestamp, image: { width, height, channels: 3, data } });
      },
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
        if (result.frames === 0) throw new ConcordError('MEDIA_CORRUPT', `ffmpeg decoded no frames: ${failureLine(result.stderrTail)}`);
        // At `-v error` any stderr line is an error: the file decoded only in part. A signal
        // from part of a video would be mistaken for the whole, so it is refused.
        if (result.stderrTail.trim()) throw new ConcordError('MEDIA_CORRUPT', `the video is truncated or damaged (it decoded only in part): ${failureLine(result.stderrTail)}`);
        const durationSeconds = probed.durationSeconds ?? Math.round(((lastIndex + 1) / fps) * 1000) / 1000;
        return { fps, width, height, frames: result.frames, durationSeconds };
      }
    }
  }
}

/** The decode command line: choose every `frameMod`-th frame, then convert it to width×height RGB24. */
export function videoFrameArgs(frameMod: number, width: number, height: number): string[] {
  const choose = frameMod > 1 ? [`select='not(mod(n\\,${frameMod}))'`] : [];
  return [
    ...PIPE_INPUT, '-v', 'error',
    '-noautorotate',
    '-i', 'pipe:0',
    '-map', '0:V:0', '-an', '-sn', '-dn',
    '-vf', [...choose, `scale=${width}:${height}:flags=area`].join(','),
    // `-fps_mode passthrough` in FFmpeg ≥ 5.1; `-vsync` is still accepted there and also by 4.x.
    '-vsync', 'passthrough',
    '-pix_fmt', 'rgb24',
    '-f', 'rawvideo', 'pipe:1',
  ];
}
