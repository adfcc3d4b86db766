import type { MediaLimits } from '../../media/audio-decoder.js';
import type { VideoDecoder, VideoFrameRequest } from '../../media/video-decoder.js';
import { pdqHash } from '../pdq/pdq-hasher.js';
import { vpdqFrame, type VpdqFrame } from './vpdq-frame.js';

/** PDQ's name for the left–right mirror (pdq-dihedral.ts: odd horizontal frequencies negated). */
const MIRROR = 'flipY';

/** A hashed video: its frames and what the decoder reported. */
export interface VpdqVideo {
  readonly frames: VpdqFrame[];
  /** The same frames mirrored left to right (PDQ's dihedral variant from the same DCT): a query's lookup for flipped re-uploads. */
  readonly mirrored: VpdqFrame[];
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
export async function hashVideo(decoder: Pick<VideoDecoder, 'frames'>, bytes: Uint8Array, request: VideoFrameRequest, limits: MediaLimits): Promise<VpdqVideo> {
  const frames: VpdqFrame[] = [];
  const mirrored: VpdqFrame[] = [];
  const info = await decoder.frames(bytes, request, limits, ({ index, timestamp, image }) => {
    const { hash, quality, dihedral } = pdqHash(image, { dihedral: true });
    frames.push(vpdqFrame(index, quality, hash, timestamp));
    mirrored.push(vpdqFrame(index, quality, dihedral![MIRROR], timestamp));
  });
  return { frames, mirrored, fps: info.fps, durationSeconds: info.durationSeconds };
}
