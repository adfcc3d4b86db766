import { endianness } from 'node:os';
import { ConcordError } from '../../errors/concord-error.js';
import type { AudioDecoder, AudioRequest, DecodedAudio, MediaLimits, SampleSink } from '../audio-decoder.js';
import { moovFirst } from './ffmpeg-faststart.js';
import { cannotStart } from './ffmpeg-locate.js';
import { runProcess } from './ffmpeg-runner.js';
import { WarmSpare } from './ffmpeg-warm-spare.js';
import { failureLine, NO_AUDIO_STREAM, parseDuration, reportsError } from './ffmpeg-stderr.js';

export interface FfmpegAudioDecoderOptions {
  /**
   * The ffmpeg binary, or a function that finds it on first use, so that a missing
   * ffmpeg fails each audio file with DECODER_MISSING instead of failing start-up.
   */
  readonly ffmpeg: string | (() => string);
  /**
   * Keep a started ffmpeg waiting for the next file (see ffmpeg-warm-spare.ts): saves its
   * ~50 ms start-up on every file after the first, at the cost of one idle process.
   */
  readonly warmSpare?: boolean;
}

/**
 * Decodes the first audio stream of any container ffmpeg reads to mono signed 16-bit
 * PCM, streaming the bytes through stdin and stdout (no temp files).
 *
 * - Memory is bounded: stdout is read up to `maxSeconds` (or the duration limit) and
 *   ffmpeg is then killed.
 * - MEDIA_TOO_LONG when the declared `Duration:` or the decoded length passes
 *   `limits.maxDurationSeconds`; MEDIA_TIMEOUT when `limits.timeoutMs` passes.
 * - MEDIA_NO_AUDIO when there is no audio stream; MEDIA_CORRUPT when ffmpeg fails.
 * - Inputs may only use the `pipe` protocol, so a playlist or concat file cannot make
 *   ffmpeg read local files or the network.
 * - MP4/MOV with the index at the end is rewritten in memory first (see ffmpeg-faststart.ts).
 *
 * @example
 *   const decoder = new FfmpegAudioDecoder({ ffmpeg: () => locateFfmpeg(env).path });
 *   const { samples } = await decoder.decodeMono(bytes, { sampleRate: 11025, maxSeconds: 120 }, DEFAULT_MEDIA_LIMITS);
 */
export class FfmpegAudioDecoder implements AudioDecoder {
  private readonly find: () => string;
  private found: string | undefined;
  /** The started spare, when `warmSpare` is on. */
  readonly warm: WarmSpare | undefined;

  constructor(options: FfmpegAudioDecoderOptions) {
    const { ffmpeg } = options;
    this.find = typeof ffmpeg === 'string' ? () => ffmpeg : ffmpeg;
    this.warm = options.warmSpare ? new WarmSpare() : undefined;
  }

  /** With `warmSpare`, starts the spare for `request` now, so the first file finds it started too. */
  prepare(request: AudioRequest): void {
    if (!this.warm) return;
    let ffmpeg: string;
    try {
      ffmpeg = this.ffmpegPath;
    } catch {
      return; // no ffmpeg: every decode will say DECODER_MISSING
    }
    this.warm.prepare(ffmpeg, ffmpegArgs(request));
  }

  /** Stops the waiting spare, if any. */
  close(): void {
    this.warm?.close();
  }

  /** The binary in use; throws DECODER_MISSING when it cannot be found. */
  get ffmpegPath(): string {
    this.found ??= this.find();
    return this.found;
  }

  async decodeMono(bytes: Uint8Array, request: AudioRequest, limits: MediaLimits, onSamples?: SampleSink): Promise<DecodedAudio> {
    const ffmpeg = this.ffmpegPath;
    const rate = request.sampleRate;
    // One sample past the limit proves the audio is too long.
    const tooLongAt = Math.floor(limits.maxDurationSeconds * rate) + 1;
    const wanted = request.maxSeconds === undefined ? Infinity : Math.floor(request.maxSeconds * rate);
    const cap = Math.min(wanted, tooLongAt);
    const args = ffmpegArgs(request);
    const warm = this.warm;
    const result = await runProcess(ffmpeg, {
      args,
      ...(warm ? { start: (command: string, a: readonly string[]) => warm.take(command, a) } : {}),
      stdin: moovFirst(bytes),
      maxStdoutBytes: cap * 2,
      timeoutMs: limits.timeoutMs,
      ...(onSamples ? { onStdout: sampleChunks(onSamples) } : {}),
      onStderrLine: (line, stop) => {
        const declared = parseDuration(line);
        if (declared !== undefined && declared > limits.maxDurationSeconds) {
          stop(`the media lasts ${declared.toFixed(1)} s, over the limit of ${limits.maxDurationSeconds} s`);
        }
      },
    });
    if (warm && result.kind !== 'spawn-failed') warm.release(ffmpeg, args);
    switch (result.kind) {
      case 'spawn-failed':
        throw new ConcordError('DECODER_MISSING', cannotStart(ffmpeg, result.error.code));
      case 'timeout':
        throw new ConcordError('MEDIA_TIMEOUT', `decoding took longer than ${limits.timeoutMs} ms and was stopped`);
      case 'stopped':
        throw new ConcordError('MEDIA_TOO_LONG', result.reason);
      case 'capped':
        if (cap === tooLongAt) {
          throw new ConcordError('MEDIA_TOO_LONG', `the audio runs past the limit of ${limits.maxDurationSeconds} s`);
        }
        return { sampleRate: rate, samples: toSamples(result.stdout) };
      case 'exited':
        if (result.exitCode !== 0) {
          if (NO_AUDIO_STREAM.test(result.stderrTail)) throw new ConcordError('MEDIA_NO_AUDIO', 'the file has no audio stream');
          throw new ConcordError('MEDIA_CORRUPT', `ffmpeg could not decode the audio: ${failureLine(result.stderrTail)}`);
        }
        if (result.stdout.length === 0 && reportsError(result.stderrTail)) {
          throw new ConcordError('MEDIA_CORRUPT', `ffmpeg decoded no audio: ${failureLine(result.stderrTail)}`);
        }
        return { sampleRate: rate, samples: toSamples(result.stdout) };
    }
  }
}

/** The command line; `resampleFilter` is applied as given, as fpcalc's bit-exact samples need. */
export function ffmpegArgs(request: AudioRequest): string[] {
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'info',
    '-protocol_whitelist', 'pipe',
    '-i', 'pipe:0',
    '-map', '0:a:0',
    // The resampler as given, then the output format spelt out. asetnsamples regroups the
    // samples into larger frames (p=0: no padding), before the resampler and after it:
    // decoders such as Vorbis emit frames of a few hundred samples, and every frame costs
    // its way through the filters, the encoder and the muxer. The resampler's output does
    // not depend on how its input is cut, so the bytes out are the same (the tests' exact
    // vectors hold), for 10–15% less of ffmpeg's time on Vorbis.
    '-af', [
      'asetnsamples=n=16384:p=0',
      ...(request.resampleFilter ? [request.resampleFilter] : []),
      `aformat=sample_fmts=s16:channel_layouts=mono:sample_rates=${request.sampleRate}`,
      'asetnsamples=n=8192:p=0',
    ].join(','),
    '-ac', '1', '-ar', String(request.sampleRate),
    // A pipe output is flushed after every packet by default: ~700-byte writes, one 'data'
    // event each, cost more than the decode. Unflushed, ffmpeg writes whole 32 KB buffers.
    '-flush_packets', '0',
    '-f', 's16le', 'pipe:1',
  ];
}

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Turns stdout pieces into whole samples for `sink`. A pipe read can end mid-sample, so an
 * odd byte is carried into the next piece; aligned little-endian pieces are passed as views.
 */
function sampleChunks(sink: SampleSink): (chunk: Buffer) => void {
  let carry: number | undefined;
  return (chunk) => {
    let bytes: Uint8Array = chunk;
    if (carry !== undefined) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = carry;
      bytes.set(chunk, 1);
      carry = undefined;
    }
    const whole = bytes.length & ~1;
    if (whole < bytes.length) carry = bytes[whole];
    if (whole === 0) return;
    if (LITTLE_ENDIAN && (bytes.byteOffset & 1) === 0) sink(new Int16Array(bytes.buffer, bytes.byteOffset, whole >> 1));
    else sink(toSamples(Buffer.from(bytes.buffer, bytes.byteOffset, whole)));
  };
}

function toSamples(pcm: Buffer): Int16Array {
  const samples = new Int16Array(pcm.length >> 1);
  const view = new Uint8Array(samples.buffer);
  view.set(pcm.subarray(0, view.length));
  if (!LITTLE_ENDIAN) Buffer.from(samples.buffer).swap16();
  return samples;
}
