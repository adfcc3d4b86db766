import type { EnvSettings } from '../config/env.js';
import type { MediaPorts } from '../signals/content-source.js';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from './audio-decoder.js';
import { FfmpegAudioDecoder } from './ffmpeg/ffmpeg-audio-decoder.js';
import { locateFfmpeg } from './ffmpeg/ffmpeg-locate.js';
import { FfmpegVideoDecoder } from './ffmpeg/ffmpeg-video-decoder.js';
import { SharpImageDecoder } from './sharp-image-decoder.js';
import { IsolatedPdfTextExtractor } from './isolated-pdf-text-extractor.js';
import { ConcurrencyGate } from '../util/concurrency-gate.js';

/** How much decoding one process takes on at once; unset, files are decoded as they come (the CLI's one-by-one use). */
export interface DecodeCapacity {
  readonly decodeConcurrency: number;
  readonly decodeQueue: number;
  readonly pdfWorkers: number;
  readonly pdfQueue: number;
}

/**
 * The decoders a node or the CLI uses: libvips for images, ffmpeg for audio and video,
 * pdf.js (unpdf, in a worker thread with a deadline and a heap limit) for the text of PDFs.
 * ffmpeg is found on first use, so a machine without it still hashes images and text,
 * and each audio or video file then fails with DECODER_MISSING and says how to install it.
 * With a capacity (a node), hashing runs under a ConcurrencyGate and PDFs in a pool of that size.
 */
export function defaultMediaPorts(env: EnvSettings, limits: { maxPixels: number } & Partial<MediaLimits>, capacity?: DecodeCapacity): MediaPorts {
  let ffmpeg: string | undefined;
  const findFfmpeg = () => (ffmpeg ??= locateFfmpeg({ CONCORD_FFMPEG: env.ffmpeg, PATH: env.path }).path);
  const audioDecoder = new FfmpegAudioDecoder({ ffmpeg: findFfmpeg, warmSpare: true });
  const pdfText = new IsolatedPdfTextExtractor({ timeoutMs: limits.timeoutMs ?? DEFAULT_MEDIA_LIMITS.timeoutMs, maxHeapMb: 512, workers: capacity?.pdfWorkers, maxQueued: capacity?.pdfQueue });
  const decodeGate = capacity && new ConcurrencyGate({ concurrency: capacity.decodeConcurrency, maxWaiting: capacity.decodeQueue }, 'decoding and hashing files');
  return {
    imageDecoder: new SharpImageDecoder(),
    imageLimits: { maxPixels: limits.maxPixels },
    audioDecoder,
    videoDecoder: new FfmpegVideoDecoder({ ffmpeg: findFfmpeg }),
    pdfText,
    ...(decodeGate ? { decodeGate } : {}),
    async close() {
      audioDecoder.close();
      await pdfText.close();
    },
    mediaLimits: {
      maxDurationSeconds: limits.maxDurationSeconds ?? DEFAULT_MEDIA_LIMITS.maxDurationSeconds,
      timeoutMs: limits.timeoutMs ?? DEFAULT_MEDIA_LIMITS.timeoutMs,
    },
  };
}
