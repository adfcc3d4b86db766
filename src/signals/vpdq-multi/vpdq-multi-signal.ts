import { ConcordError } from '../../errors/concord-error.js';
import { DEFAULT_MEDIA_LIMITS } from '../../media/audio-decoder.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { VPDQ_MAX_FRAMES } from '../vpdq/vpdq-frame.js';
import { hashMultiVideo, type MultiVideo } from './vpdq-multi-hasher.js';
import { VpdqMultiIndex } from './vpdq-multi-index.js';
import { VPDQ_MULTI_NO_OVERLAP, vpdqMultiDistance } from './vpdq-multi-match.js';
import { formatMultiFrames, parseMultiFrames } from './vpdq-multi-value.js';

/** distance ≤ 20 ⇔ one video has at least 80 % of its spans matched in the other (see vpdq-multi-match.ts). */
export const VPDQ_MULTI_THRESHOLD = 20;
/** The query's lookup with every frame (up to 25 a second): finds copies played faster or slower, or cut between seconds. */
export const DENSE_VARIANT = 'dense';
export const MIRROR_VARIANT = 'dihedral:mirror';

/**
 * `vpdq_multi`: the robust companion of `vpdq`, which stays Meta's value, produced, shared
 * and matched as before. About one frame a second, each with PDQ-style hashes of the whole
 * frame, its content region, three centre windows and, when static surroundings sit around
 * a moving picture, its active region (`vm1.`/`vm2.<ms><mask><hashes>…`), so a cropped copy,
 * a screen recording of the video inside an app window or a letterboxed copy still matches
 * frame by frame. Matching counts 1.25 s spans of time; a query is also
 * looked up with every frame (`dense`: other speeds, clips cut between seconds)
 * and mirrored (`dihedral:mirror`).
 *
 * @example
 *   const s = await vpdqMultiSignal.hash!(content, {});   // { value: 'vm1.00000000 1f…', alternates: [{ name: 'dense', … }, …] }
 *   vpdqMultiSignal.distance(s.value, known) <= VPDQ_MULTI_THRESHOLD;
 */
export const vpdqMultiSignal: SignalType = {
  name: 'vpdq_multi',
  contentTypes: ['video'],
  threshold: VPDQ_MULTI_THRESHOLD,
  maxDistance: VPDQ_MULTI_NO_OVERLAP,
  validate(raw) {
    const parsed = parseMultiFrames(raw);
    return parsed.ok ? { ok: true, value: formatMultiFrames(parsed.value) } : parsed;
  },
  distance: vpdqMultiDistance,
  createIndex: () => new VpdqMultiIndex(),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    let video: MultiVideo;
    try {
      // One decode with vpdq's frames (content.videoFrames): ffmpeg splits it into both frame choices.
      video = await content.memo('vpdq_multi:frames', () => hashMultiVideo(content.videoFrames(), content.bytes, content.ports.mediaLimits ?? DEFAULT_MEDIA_LIMITS));
    } catch (err) {
      // Containers sniffed as video may hold only sound: their audio signals still apply.
      if (err instanceof ConcordError && err.code === 'MEDIA_NO_VIDEO') return { type: 'vpdq_multi', skipped: err.message };
      throw err;
    }
    if (video.frames.length === 0) return { type: 'vpdq_multi', skipped: 'no frame has detail enough to match (every hash under quality 50)' };
    if (video.frames.length > VPDQ_MAX_FRAMES) throw new ConcordError('MEDIA_TOO_LONG', `the video's hash cannot be stored: ${video.frames.length} frames, over ${VPDQ_MAX_FRAMES}`);
    return {
      type: 'vpdq_multi',
      value: formatMultiFrames(video.frames),
      matchable: true,
      // Lookups only: the stored value is the one above.
      alternates: [
        ...(video.dense.length ? [{ name: DENSE_VARIANT, value: formatMultiFrames(video.dense) }] : []),
        ...(video.mirrored.length ? [{ name: MIRROR_VARIANT, value: formatMultiFrames(video.mirrored) }] : []),
      ],
      details: { frames: video.frames.length, denseFrames: video.dense.length, activeRegionFrames: video.active },
    };
  },
};
