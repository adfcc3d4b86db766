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

/**
 * The port through which audio signals get PCM. Implementations throw ConcordError with
 * MEDIA_NO_AUDIO, MEDIA_CORRUPT, MEDIA_TOO_LONG, MEDIA_TIMEOUT or DECODER_MISSING.
 */
export interface AudioDecoder {
  decodeMono(bytes: Uint8Array, request: AudioRequest, limits: MediaLimits): Promise<DecodedAudio>;
}
