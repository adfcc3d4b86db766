import { ConcordError } from '../../errors/concord-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import type { ContentSource, MediaPorts } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { SAMPLE_RATE } from './chromaprint-chroma.js';
import { driftDistance } from './chromaprint-drift.js';
import { SILENCE_ITEM } from './chromaprint-fingerprinter.js';
import { ChromaprintIndex } from './chromaprint-index.js';
import { MAX_DISTANCE } from './chromaprint-match.js';
import { encodeNarrowband, narrowbandItemsOf, parseNarrowband } from './chromaprint-narrowband-value.js';
import { CHROMAPRINT_AUDIO_REQUEST, chromaprintOf, MIN_MATCHABLE_ITEMS, SOUNDTRACK_VARIANT } from './chromaprint-signal.js';
import { itemsAtTempo } from './chromaprint-tempo.js';

/**
 * Match threshold on the 0–500 chance-weighted scale, chosen from the curves that
 * `npm run bench:robustness` prints (docs/signals.md): on real music, recall is flat from
 * 150 to 300 while the first impostor hit comes at 225; a video's soundtrack at 1.25×
 * needs 175 (150: 47/48). 175 keeps a margin of about 25 under the nearest impostor.
 */
export const NARROWBAND_THRESHOLD = 175;

/**
 * Tempo changes a query is also looked up at: how many times faster than the known
 * recording it plays. The drift-tolerant distance follows ±6% around each, so together
 * they cover about 0.85–1.16.
 */
export const AUDIO_QUERY_TEMPOS: readonly number[] = [0.9, 0.95, 1.05, 1.1];
/** A video's soundtrack also at the usual speed-ups of re-posted clips (1.25×, 0.8×). */
export const SOUNDTRACK_QUERY_TEMPOS: readonly number[] = [0.8, 0.9, 0.95, 1.05, 1.1, 1.25];

/** A single-offset score this far over the threshold may still be a drifting match: the index re-scores it. */
const PREFILTER_SLACK = 150;

export const tempoVariant = (tempo: number): string => `tempo:${tempo}`;

/**
 * `audio_chromaprint_narrowband`: Chromaprint's algorithm on the telephone band only
 * (320–3200 Hz), compared with a drift-tolerant segment-wise alignment
 * (chromaprint-drift.ts). The robust companion of `audio_chromaprint`, which stays the
 * interoperable fpcalc value: this one survives a phone line or a narrowband codec
 * (which remove the bass that dominates a full-band chromagram), and, through the tempo
 * variants a query is looked up at, tempo changes of up to ±10%.
 *
 * Value: `nb1.` + the compressed items (chromaprint-narrowband-value.ts). Hashing shares
 * the decode of `audio_chromaprint`; the tempo variants are computed from the same
 * chroma rows (chromaprint-tempo.ts) and travel only with a query, never on the feed.
 *
 * @example
 *   const s = await audioChromaprintNarrowbandSignal.hash!(content, {});
 *   // { value: 'nb1.AQAA…', alternates: [{ name: 'tempo:0.9', value: 'nb1.…' }, …] }
 */
export const audioChromaprintNarrowbandSignal: SignalType = {
  name: 'audio_chromaprint_narrowband',
  contentTypes: ['audio', 'video'],
  threshold: NARROWBAND_THRESHOLD,
  maxDistance: MAX_DISTANCE,
  validate(raw: string): Result<string> {
    const parsed = parseNarrowband(raw);
    return parsed.ok ? ok(parsed.value.value) : fail(parsed.code, parsed.message);
  },
  distance: (a, b) => driftDistance(narrowbandItemsOf(a), narrowbandItemsOf(b)),
  createIndex: () => new ChromaprintIndex({ itemsOf: narrowbandItemsOf, distance: driftDistance, prefilterSlack: PREFILTER_SLACK }),
  prepare: (ports: MediaPorts) => ports.audioDecoder?.prepare?.(CHROMAPRINT_AUDIO_REQUEST),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    try {
      return await hashNarrowband(content);
    } catch (err) {
      if (content.contentType === 'video' && err instanceof ConcordError && (err.code === 'MEDIA_NO_AUDIO' || err.code === 'MEDIA_TOO_SHORT')) {
        return { type: 'audio_chromaprint_narrowband', skipped: err.message };
      }
      throw err;
    }
  },
};

async function hashNarrowband(content: ContentSource): Promise<HashedSignal> {
  const { narrowband, sampleCount } = await chromaprintOf(content);
  const durationSeconds = Math.round((sampleCount / SAMPLE_RATE) * 100) / 100;
  const items = narrowband.frames > 0 ? itemsAtTempo(narrowband.raw, narrowband.frames, { tempo: 1, semitones: 0 }) : new Uint32Array(0);
  if (items.length === 0) throw new ConcordError('MEDIA_TOO_SHORT', `the audio lasts ${durationSeconds} s; audio_chromaprint_narrowband needs at least 3 s`);
  let sounding = 0;
  for (const item of items) if (item !== SILENCE_ITEM) sounding++;
  const matchable = sounding >= MIN_MATCHABLE_ITEMS;
  const video = content.contentType === 'video';
  const prefix = video ? `${SOUNDTRACK_VARIANT},` : '';
  const tempos = video ? SOUNDTRACK_QUERY_TEMPOS : AUDIO_QUERY_TEMPOS;
  return {
    type: 'audio_chromaprint_narrowband',
    value: encodeNarrowband(items),
    matchable,
    ...(video ? { variant: SOUNDTRACK_VARIANT } : {}),
    details: { items: items.length, durationSeconds },
    // Only worth computing for a value that will be matched.
    ...(matchable
      ? { alternates: tempos.map((tempo) => ({ name: prefix + tempoVariant(tempo), value: encodeNarrowband(itemsAtTempo(narrowband.raw, narrowband.frames, { tempo, semitones: 0 })) })) }
      : {}),
  };
}
