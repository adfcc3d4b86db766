/** What a hasher asks of the audio decoder. */
export interface AudioRequest {
  /** Output rate in Hz; output is always mono signed 16-bit. */
  readonly sampleRate: number;
  /**
   * The exact ffmpeg resampling filter, where a signal needs bit-exact samples
   * (Chromaprint's settings, see specs/chromaprint.md). Defaults to ffmpeg's own.
   */
  readonly resampleFilter?: string;
  /** Decode at most this many seconds from the start. */
  readonly maxSeconds?: number;
}

export interface DecodedAudio {
  readonly sampleRate: number;
  /** Mono signed 16-bit samples. */
  readonly samples: Int16Array;
}

/** Limits that guard decoding against hostile or broken input. */
export interface MediaLimits {
  /** Longest media accepted, in seconds. */
  readonly maxDurationSeconds: number;
  /** Wall-clock time one decode may take before it is killed. */
  readonly timeoutMs: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = Object.freeze({ maxDurationSeconds: 3 * 60 * 60, timeoutMs: 120_000 });

/** Receives decoded samples in order, as they arrive; the views are only valid during the call. */
export type SampleSink = (samples: Int16Array) => void;

/**
 * The port through which audio signals get PCM. Implementations throw ConcordError with
 * MEDIA_NO_AUDIO, MEDIA_CORRUPT, MEDIA_TOO_LONG, MEDIA_TIMEOUT or DECODER_MISSING.
 */
export interface AudioDecoder {
  /**
   * All the samples once decoding ends. With `onSamples`, the samples are also handed over
   * piece by piece while decoding goes on, so the caller's work overlaps the decoder's.
   */
  decodeMono(bytes: Uint8Array, request: AudioRequest, limits: MediaLimits, onSamples?: SampleSink): Promise<DecodedAudio>;
  /**
   * Optional: gets ready for a decode of `request` (a decoder process started ahead) and
   * returns at once. Nothing is reported: a problem shows on the decode itself.
   */
  prepare?(request: AudioRequest): void;
}
