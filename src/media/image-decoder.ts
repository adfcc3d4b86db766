import type { DecodedImage } from './decoded-image.js';

/** Limits that guard decoding against hostile input. */
export interface ImageLimits {
  /** Largest width × height accepted before decoding (decompression-bomb guard). */
  readonly maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({ maxPixels: 100_000_000 });

/**
 * The port through which hashers get pixels. Implementations throw ConcordError with
 * MEDIA_CORRUPT, MEDIA_UNSUPPORTED or MEDIA_TOO_MANY_PIXELS.
 */
export interface ImageDecoder {
  decode(bytes: Uint8Array, limits: ImageLimits): Promise<DecodedImage>;
}
