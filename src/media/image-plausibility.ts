import { ConcordError } from '../errors/concord-error.js';

/**
 * The most pixels one byte of a well-formed file can describe, per format (sharp's
 * format names). Each is a bound of the format's coding with a margin over the flattest
 * real files we measured (a one-colour 4000×4000 image, which compresses best):
 *
 * - jpeg 2048: baseline and progressive Huffman coding spend at least one bit on each
 *   8×8 block's DC value, so at most 512 pixels per byte; 4× margin for arithmetic
 *   coding. A flat JPEG measures 170.
 * - png 8256: deflate expands at most 1032:1 and a pixel takes at least one bit.
 *   A flat two-colour PNG measures 7775.
 * - gif 4096: a 12-bit LZW code emits at most 4096 pixels, so 2730 per byte.
 * - webp 65536 (lossless flat measures 23600), heif/avif 262144 (flat measures 36600),
 *   tiff and anything else 262144 (fax coding can spend one bit on a blank row).
 *
 * A header over its bound was forged, or the file was cut short: libvips would still
 * allocate the whole declared canvas (a 336-byte JPEG declaring 9500×9500 costs 270 MB)
 * and only warn about the missing data.
 */
export const MAX_PIXELS_PER_BYTE: Readonly<Record<string, number>> = Object.freeze({
  jpeg: 2048,
  png: 8256,
  gif: 4096,
  webp: 65_536,
  heif: 262_144,
  tiff: 262_144,
});
const OTHER_FORMATS = 262_144;

/**
 * Refuses an image whose declared size is more than a file of its length can hold.
 *
 * @example
 *   assertPlausibleSize({ format: 'jpeg', width: 9500, height: 9500 }, 336);   // throws MEDIA_IMPLAUSIBLE_SIZE
 */
export function assertPlausibleSize(header: { format: string; width: number; height: number }, fileBytes: number): void {
  const perByte = MAX_PIXELS_PER_BYTE[header.format] ?? OTHER_FORMATS;
  const pixels = header.width * header.height;
  if (pixels > fileBytes * perByte) {
    throw new ConcordError(
      'MEDIA_IMPLAUSIBLE_SIZE',
      `the ${header.format} header declares ${header.width}×${header.height} = ${pixels} pixels, more than ${fileBytes} bytes can hold (at most ${perByte} pixels per byte): a forged or truncated file`,
    );
  }
}
