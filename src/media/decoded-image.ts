/**
 * Pixels as a decoder hands them to the hashers: 8 bits per sample, interleaved,
 * row-major, no padding. Channels: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
 */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}
