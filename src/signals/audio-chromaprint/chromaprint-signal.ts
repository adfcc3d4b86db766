import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { DEFAULT_MEDIA_LIMITS, type AudioRequest } from '../../media/audio-decoder.js';
import type { ContentSource, MediaPorts } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { ChromaFrames, NARROWBAND_TABLES, SAMPLE_RATE } from './chromaprint-chroma.js';
import { encodeFingerprint } from './chromaprint-compression.js';
import { ChromaprintStream, SILENCE_ITEM } from './chromaprint-fingerprinter.js';
import { ChromaprintIndex } from './chromaprint-index.js';
import { fingerprintDistance, MAX_DISTANCE } from './chromaprint-match.js';
import { itemsOf, parseChromaprint } from './chromaprint-value.js';

/**
 * Match threshold on the 0–500 chance-weighted scale (see chromaprint-match.ts), chosen
 * by measurement on Debian-packaged music and speech (docs in README.md beside this file):
 * re-encodes and 15-second clips score ≤ 182 (median ≈ 25–50); unrelated pairs ≥ 267
 * at the 0.1% quantile, with the lowest ones real shared material.
 */
export const AUDIO_CHROMAPRINT_THRESHOLD = 200;
/** fpcalc's resampler settings; plain `-ar 11025` differs in a few bits (specs/chromaprint.md §0). */
export const CHROMAPRINT_RESAMPLE_FILTER = 'aresample=resampler=swr:filter_size=16:phase_shift=8:linear_interp=1:cutoff=0.8';
/** fpcalc's default: only the first 120 s are fingerprinted. */
export const CHROMAPRINT_MAX_SECONDS = 120;
const MIN_SECONDS = 3;
/** What chromaprint asks of the audio decoder: fpcalc's rate, resampler and length. */
export const CHROMAPRINT_AUDIO_REQUEST: AudioRequest = Object.freeze({ sampleRate: SAMPLE_RATE, resampleFilter: CHROMAPRINT_RESAMPLE_FILTER, maxSeconds: CHROMAPRINT_MAX_SECONDS });
/** ≈ 10 s of non-silent audio: shorter fingerprints match unrelated audio too easily, so they are reported but not matched. */
export const MIN_MATCHABLE_ITEMS = 59;

/** The first 120 s of a content's audio, fingerprinted, and how many samples it had. */
export interface ChromaprintOfContent {
  readonly items: Uint32Array;
  readonly sampleCount: number;
  /** The same decode analysed on the telephone band (audio_chromaprint_narrowband): raw chroma rows, for items at any tempo. */
  readonly narrowband: { readonly raw: Float64Array; readonly frames: number };
}

/**
 * Decodes with fpcalc's settings and fingerprints the samples while ffmpeg is still
 * decoding (the FFTs run on each piece of PCM as it arrives), memoised per content.
 */
export function chromaprintOf(content: ContentSource): Promise<ChromaprintOfContent> {
  return content.memo(`chromaprint:${SAMPLE_RATE}`, async () => {
    const decoder = content.ports.audioDecoder;
    if (!decoder) throw new ConcordError('DECODER_MISSING', 'no audio decoder is configured: install ffmpeg (apt-get install ffmpeg) or set CONCORD_FFMPEG');
    const stream = new ChromaprintStream();
    // One decode feeds both analyses: the narrowband FFTs run as the PCM arrives too.
    const narrow = new ChromaFrames(NARROWBAND_TABLES);
    await decoder.decodeMono(content.bytes, CHROMAPRINT_AUDIO_REQUEST, content.ports.mediaLimits ?? DEFAULT_MEDIA_LIMITS, (samples) => {
      stream.push(samples);
      narrow.push(samples);
    });
    // Under 3 s there are too few items to be worth a signal: no items, MEDIA_TOO_SHORT below.
    const enough = stream.sampleCount >= MIN_SECONDS * SAMPLE_RATE;
    const items = enough ? stream.finish() : new Uint32Array(0);
    return { items, sampleCount: stream.sampleCount, narrowband: { raw: enough ? narrow.rows() : new Float64Array(0), frames: enough ? narrow.frames : 0 } };
  });
}

/**
 * `audio_chromaprint`: the AcoustID/Chromaprint audio fingerprint (algorithm TEST2) of
 * the first 120 s, as the compressed base64url string `fpcalc` prints, so values can
 * be exchanged with fpcalc users. Applies to audio and to a video's soundtrack.
 *
 * @example
 *   const s = await audioChromaprintSignal.hash!(content, {});   // { value: 'AQAAO0mSRJKS…', … }
 *   audioChromaprintSignal.distance(s.value, known) <= AUDIO_CHROMAPRINT_THRESHOLD;  // same audio
 */
export const audioChromaprintSignal: SignalType = {
  name: 'audio_chromaprint',
  contentTypes: ['audio', 'video'],
  threshold: AUDIO_CHROMAPRINT_THRESHOLD,
  maxDistance: MAX_DISTANCE,
  validate(raw: string): Result<string> {
    const parsed = parseChromaprint(raw);
    return parsed.ok ? ok(parsed.value.value) : fail(parsed.code, parsed.message);
  },
  distance: (a, b) => fingerprintDistance(itemsOf(a), itemsOf(b)),
  createIndex: () => new ChromaprintIndex(),
  prepare: (ports: MediaPorts) => ports.audioDecoder?.prepare?.(CHROMAPRINT_AUDIO_REQUEST),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    try {
      return await hashSoundtrack(content);
    } catch (err) {
      // A silent or very short video still has its frames hashed: only audio files fail.
      if (content.contentType === 'video' && err instanceof ConcordError && (err.code === 'MEDIA_NO_AUDIO' || err.code === 'MEDIA_TOO_SHORT')) {
        return { type: 'audio_chromaprint', skipped: err.message };
      }
      throw err;
    }
  },
};

/** Matches through a video's audio say so: the soundtrack is a witness independent of the frames. */
export const SOUNDTRACK_VARIANT = 'soundtrack';

/** The fingerprint of the first 120 s; MEDIA_TOO_SHORT under 3 s. */
async function hashSoundtrack(content: ContentSource): Promise<HashedSignal> {
  const { items, sampleCount } = await chromaprintOf(content);
  const durationSeconds = Math.round((sampleCount / SAMPLE_RATE) * 100) / 100;
  if (items.length === 0) {
    throw new ConcordError('MEDIA_TOO_SHORT', `the audio lasts ${durationSeconds} s; audio_chromaprint needs at least ${MIN_SECONDS} s`);
  }
  let sounding = 0;
  for (const item of items) if (item !== SILENCE_ITEM) sounding++;
  return {
    type: 'audio_chromaprint',
    value: encodeFingerprint(items),
    matchable: sounding >= MIN_MATCHABLE_ITEMS,
    ...(content.contentType === 'video' ? { variant: SOUNDTRACK_VARIANT } : {}),
    details: { items: items.length, durationSeconds },
  };
}
