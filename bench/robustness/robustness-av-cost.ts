import { DEFAULT_MEDIA_LIMITS } from '../../src/media/audio-decoder.js';
import { FfmpegAudioDecoder } from '../../src/media/ffmpeg/ffmpeg-audio-decoder.js';
import { CHROMAPRINT_AUDIO_REQUEST, CHROMAPRINT_RESAMPLE_FILTER } from '../../src/signals/audio-chromaprint/chromaprint-signal.js';
import { ChromaFrames, NARROWBAND_TABLES, SAMPLE_RATE } from '../../src/signals/audio-chromaprint/chromaprint-chroma.js';
import { ChromaprintStream } from '../../src/signals/audio-chromaprint/chromaprint-fingerprinter.js';
import { AUDIO_QUERY_TEMPOS } from '../../src/signals/audio-chromaprint/chromaprint-narrowband-signal.js';
import { itemsAtTempo } from '../../src/signals/audio-chromaprint/chromaprint-tempo.js';
import { runFfmpeg } from './robustness-ffmpeg.js';

/** Fingerprinting cost on already decoded PCM, plain against plain + narrowband (+ its tempo variants, as for a query). */
export interface FingerprintCost {
  readonly files: number;
  readonly tempos: number;
  readonly plainMs: number;
  readonly withNarrowbandMs: number;
  readonly ratio: number;
  /** The same, end to end: ffmpeg decoding the file through the node's decoder, fingerprinted as the PCM arrives. */
  readonly endToEnd: { readonly plainMs: number; readonly withNarrowbandMs: number; readonly ratio: number };
}

const RUNS = 5;

/**
 * The CPU the new signal adds to hashing, apart from the decode both share: per file the
 * median of RUNS runs of the plain fingerprint, and of the plain fingerprint plus the
 * narrowband analysis and the tempo variants of a query; then the median over files.
 */
export async function fingerprintCost(ffmpeg: string, originals: readonly { readonly bytes: Uint8Array }[]): Promise<FingerprintCost> {
  const plain: number[] = [];
  const both: number[] = [];
  const e2ePlain: number[] = [];
  const e2eBoth: number[] = [];
  const decoder = new FfmpegAudioDecoder({ ffmpeg });
  for (const o of originals.slice(0, 6)) {
    const p: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      for (const withNarrowband of [false, true]) {
        const t = performance.now();
        const stream = new ChromaprintStream();
        const narrow = withNarrowband ? new ChromaFrames(NARROWBAND_TABLES) : undefined;
        await decoder.decodeMono(o.bytes, CHROMAPRINT_AUDIO_REQUEST, DEFAULT_MEDIA_LIMITS, (pcm) => {
          stream.push(pcm);
          narrow?.push(pcm);
        });
        stream.finish();
        if (narrow) for (const tempo of [1, ...AUDIO_QUERY_TEMPOS]) itemsAtTempo(narrow.rows(), narrow.frames, { tempo, semitones: 0 });
        (withNarrowband ? b : p).push(performance.now() - t);
      }
    }
    e2ePlain.push(median(p));
    e2eBoth.push(median(b));
  }
  decoder.close();
  for (const o of originals.slice(0, 6)) {
    const bytes = o.bytes;
    const raw = await runFfmpeg(ffmpeg, ['-i', 'pipe:0', '-ac', '1', '-af', CHROMAPRINT_RESAMPLE_FILTER, '-ar', String(SAMPLE_RATE), '-f', 's16le', 'pipe:1'], bytes);
    const pcm = new Int16Array(raw.buffer, raw.byteOffset, raw.length >> 1);
    const p: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      const stream = new ChromaprintStream();
      stream.push(pcm);
      stream.finish();
      p.push(performance.now() - t);
      t = performance.now();
      const again = new ChromaprintStream();
      const narrow = new ChromaFrames(NARROWBAND_TABLES);
      again.push(pcm);
      narrow.push(pcm);
      again.finish();
      const rows = narrow.rows();
      itemsAtTempo(rows, narrow.frames, { tempo: 1, semitones: 0 });
      for (const tempo of AUDIO_QUERY_TEMPOS) itemsAtTempo(rows, narrow.frames, { tempo, semitones: 0 });
      b.push(performance.now() - t);
    }
    plain.push(median(p));
    both.push(median(b));
  }
  const plainMs = round(median(plain));
  const withNarrowbandMs = round(median(both));
  const e2e = { plainMs: round(median(e2ePlain)), withNarrowbandMs: round(median(e2eBoth)) };
  return {
    files: plain.length,
    tempos: AUDIO_QUERY_TEMPOS.length,
    plainMs,
    withNarrowbandMs,
    ratio: plainMs ? round(withNarrowbandMs / plainMs) : 0,
    endToEnd: { ...e2e, ratio: e2e.plainMs ? round(e2e.withNarrowbandMs / e2e.plainMs) : 0 },
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1]! : 0;
}
