import type { MediaLimits } from '../../media/audio-decoder.js';
import type { VideoDecoder, VideoFrameRequest } from '../../media/video-decoder.js';
import { pdqHash } from '../pdq/pdq-hasher.js';
import { vpdqFrame, type VpdqFrame } from './vpdq-frame.js';

/** A hashed video: its frames and what the decoder reported. */
export interface VpdqVideo {
  readonly frames: VpdqFrame[];
  readonly fps: number;
  readonly durationSeconds: number;
}

/**
 * vPDQ of a video: full-size PDQ (no 512 pre-resize) of each frame the decoder chooses,
 * hashed as it arrives, so decoding and hashing overlap and no frame is kept.
 *
 * @example
 *   const { frames } = await hashVideo(decoder, bytes, { secondsPerHash: 1 }, DEFAULT_MEDIA_LIMITS);
 *   frames[1];   // { index: 30, quality: 68, pdq: 'c8feb0fc…', timestamp: 1 }
 */
export async function hashVideo(decoder: VideoDecoder, bytes: Uint8Array, request: VideoFrameRequest, limits: MediaLimits): Promise<VpdqVideo> {
  const frames: VpdqFrame[] = [];
  const info = await decoder.frames(bytes, request, limits, ({ index, timestamp, image }) => {
    const { hash, quality } = pdqHash(image);
    frames.push(vpdqFrame(index, quality, hash, timestamp));
  });
  return { frames, fps: info.fps, durationSeconds: info.durationSeconds };
}
