import type { MediaLimits } from './audio-decoder.js';
import type { VideoDecoder, VideoFrame, VideoFrameRequest, VideoStreamInfo, VideoTap } from './video-decoder.js';

interface Waiting {
  readonly tap: VideoTap;
  readonly resolve: (info: VideoStreamInfo) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * A `frames` port that serves every request made in the same turn of the event loop,
 * for the same bytes and limits, from one decode (`VideoDecoder.taps`). The video
 * signals of one file start hashing together (hash-content.ts runs every hasher at once),
 * so `vpdq` (one full-size frame a second) and `vpdq_multi` (every frame at 256×256) share
 * one probe and one ffmpeg run instead of decoding the file twice. A request that comes
 * later gets a decode of its own: slower, never wrong.
 *
 * @example
 *   const shared = new SharedVideoDecode(decoder);
 *   await Promise.all([hashVideo(shared, bytes, { secondsPerHash: 1 }, limits), hashMultiVideo(shared, bytes, limits)]);   // one ffmpeg run
 */
export class SharedVideoDecode implements Pick<VideoDecoder, 'frames'> {
  private readonly decoder: VideoDecoder;
  private batch: { bytes: Uint8Array; limits: MediaLimits; waiting: Waiting[] } | undefined;
  /** Decodes started, for tests and measurements. */
  decodes = 0;

  constructor(decoder: VideoDecoder) {
    this.decoder = decoder;
  }

  frames(bytes: Uint8Array, request: VideoFrameRequest, limits: MediaLimits, onFrame: (frame: VideoFrame) => void): Promise<VideoStreamInfo> {
    return new Promise((resolve, reject) => {
      const same = this.batch && this.batch.bytes === bytes && this.batch.limits === limits;
      if (!same) this.open(bytes, limits);
      this.batch!.waiting.push({ tap: { request, onFrame }, resolve, reject });
    });
  }

  /** Starts a new batch, decoded once the current turn has made its requests. */
  private open(bytes: Uint8Array, limits: MediaLimits): void {
    const batch = { bytes, limits, waiting: [] as Waiting[] };
    this.batch = batch;
    setImmediate(() => {
      if (this.batch === batch) this.batch = undefined;
      this.decodes++;
      this.decoder.taps(bytes, batch.waiting.map((w) => w.tap), limits).then(
        (infos) => batch.waiting.forEach((w, k) => w.resolve(infos[k]!)),
        (err: unknown) => batch.waiting.forEach((w) => w.reject(err)),
      );
    });
  }
}
