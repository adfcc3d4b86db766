import type { MediaLimits } from './audio-decoder.js';
import type { DecodedImage } from './decoded-image.js';

/** The reference's default: one frame a second. */
export const DEFAULT_SECONDS_PER_HASH = 1;

/** Which frames a video hasher wants, and at what size. */
export interface VideoFrameRequest {
  /** Hand over every `max(1, floor(secondsPerHash × fps))`-th decoded frame; 0 = every frame. */
  readonly secondsPerHash: number;
  /** Scale each frame to size×size (area averaging, as vPDQ's `-s`); absent: native size. */
  readonly size?: number;
}

/** One chosen frame. `image.data` is reused for the next frame: copy what must outlive the callback. */
export interface VideoFrame {
  /** 0-based index among all decoded frames. */
  readonly index: number;
  /** `index / fps`, in seconds. */
  readonly timestamp: number;
  /** RGB24, `channels` 3. */
  readonly image: DecodedImage;
}

/** What the decoder learnt about the stream it decoded. */
export interface VideoStreamInfo {
  /** Average frame rate (the real base rate when no average is declared). */
  readonly fps: number;
  readonly width: number;
  readonly height: number;
  /** Frames handed to `onFrame`. */
  readonly frames: number;
  /** Declared duration, or the span of the decoded frames when none is declared. */
  readonly durationSeconds: number;
}

/**
 * The port through which video signals get frames. Frames arrive one at a time, in
 * order, while decoding goes on, so memory stays at one frame whatever the length.
 * Implementations throw ConcordError with MEDIA_NO_VIDEO, MEDIA_CORRUPT, MEDIA_TOO_LONG,
 * MEDIA_TIMEOUT or DECODER_MISSING.
 *
 * @example
 *   const info = await decoder.frames(bytes, { secondsPerHash: 1 }, limits, (f) => hashes.push(pdqHash(f.image)));
 *   info.fps;   // 30
 */
export interface VideoDecoder {
  frames(bytes: Uint8Array, request: VideoFrameRequest, limits: MediaLimits, onFrame: (frame: VideoFrame) => void): Promise<VideoStreamInfo>;
  /**
   * Several frame choices from one decode of the file (one probe, one ffmpeg run): what
   * the video signals of one file share, so a second signal costs its hashing, not a
   * second decode. Each tap gets exactly the frames `frames` would give it; the answer
   * has one info per tap, in order.
   */
  taps(bytes: Uint8Array, taps: readonly VideoTap[], limits: MediaLimits): Promise<VideoStreamInfo[]>;
}

/** One frame choice of a shared decode, and what takes its frames. */
export interface VideoTap {
  readonly request: VideoFrameRequest;
  readonly onFrame: (frame: VideoFrame) => void;
}

/** vPDQ's frame interval: every `max(1, floor(secondsPerHash × fps))`-th frame. */
export const frameModFor = (secondsPerHash: number, fps: number): number => Math.max(1, Math.floor(secondsPerHash * fps));
