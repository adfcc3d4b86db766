import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { DEFAULT_MEDIA_LIMITS } from '../../media/audio-decoder.js';
import { DEFAULT_SECONDS_PER_HASH } from '../../media/video-decoder.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { frameListProblem, VPDQ_MIN_QUALITY } from './vpdq-frame.js';
import { hashVideo, type VpdqVideo } from './vpdq-hasher.js';
import { VpdqIndex } from './vpdq-index.js';
import { VPDQ_NO_OVERLAP_DISTANCE, vpdqDistance } from './vpdq-match.js';
import { encodeVpdq, parseVpdq } from './vpdq-value.js';

/** distance ≤ 20 ⇔ one video has at least 80 % of its matchable frames in the other (see vpdq-match.ts). */
export const VPDQ_THRESHOLD = 20;

/** The match variant of a video found through its mirrored frames. */
export const VPDQ_MIRROR_VARIANT = 'dihedral:mirror';

/** The video's frames at the default interval, shared by every signal that needs them. */
export function vpdqFrames(content: ContentSource): Promise<VpdqVideo> {
  return content.memo(`vpdq:${DEFAULT_SECONDS_PER_HASH}`, () => {
    // The same decode as vpdq_multi's frames, when both are hashed (content.videoFrames).
    return hashVideo(content.videoFrames(), content.bytes, { secondsPerHash: DEFAULT_SECONDS_PER_HASH }, content.ports.mediaLimits ?? DEFAULT_MEDIA_LIMITS);
  });
}

/**
 * `vpdq`: Meta's video hash, one full-size PDQ a second (see specs/vpdq.md). Stored as
 * `v1.` + hex (vpdq-value.ts); `validate` also takes the ThreatExchange JSON array and
 * the reference tool's lines. `distance` is 100 − ⌊max(q%, c%)⌋ (0 for identical
 * values), so the threshold 20 matches when either video is ≥ 80 % inside the other.
 *
 * @example
 *   const s = await vpdqSignal.hash!(content, {});   // { value: 'v1.dadb…', details: { frames: [{ index, quality, pdq, timestamp }], fps, durationSeconds } }
 *   vpdqSignal.distance(s.value, known) <= VPDQ_THRESHOLD;   // a copy or a clip of `known`
 */
export const vpdqSignal: SignalType = {
  name: 'vpdq',
  contentTypes: ['video'],
  threshold: VPDQ_THRESHOLD,
  maxDistance: VPDQ_NO_OVERLAP_DISTANCE,
  validate(raw: string): Result<string> {
    const parsed = parseVpdq(raw);
    return parsed.ok ? ok(parsed.value.value) : fail(parsed.code, parsed.message);
  },
  distance: vpdqDistance,
  createIndex: () => new VpdqIndex(),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    let video: VpdqVideo;
    try {
      video = await vpdqFrames(content);
    } catch (err) {
      // Containers sniffed as video may hold only sound: their audio signals still apply.
      if (err instanceof ConcordError && err.code === 'MEDIA_NO_VIDEO') return { type: 'vpdq', skipped: err.message };
      throw err;
    }
    const problem = frameListProblem(video.frames);
    if (problem) throw new ConcordError('MEDIA_TOO_LONG', `the video's hash cannot be stored: ${problem}`);
    const matchable = video.frames.some((f) => f.quality >= VPDQ_MIN_QUALITY);
    return {
      type: 'vpdq',
      value: encodeVpdq(video.frames),
      matchable,
      // A query is also looked up mirrored; the stored value stays Meta's plain vPDQ.
      ...(matchable ? { alternates: [{ name: VPDQ_MIRROR_VARIANT, value: encodeVpdq(video.mirrored) }] } : {}),
      details: {
        frames: video.frames.map(({ index, quality, pdq, timestamp }) => ({ index, quality, pdq, timestamp })),
        fps: video.fps,
        durationSeconds: video.durationSeconds,
      },
    };
  },
};
