import sharp from 'sharp';
import { ConcordError } from '../errors/concord-error.js';
import type { DecodedImage } from './decoded-image.js';
import type { ImageDecoder, ImageLimits } from './image-decoder.js';
import { assertPlausibleSize } from './image-plausibility.js';

// One decode at a time per call; parallelism comes from running several calls, so
// per-core throughput figures stay honest.
sharp.concurrency(1);
sharp.cache(false);

/**
 * Decodes images with libvips through sharp: JPEG, PNG, WebP, GIF (first frame),
 * TIFF (first page), AVIF/HEIF.
 *
 * Choices that change hashes, made to agree with the PDQ reference:
 * - EXIF orientation is NOT applied: we hash the stored pixels, as the reference
 *   does; PDQ's dihedral variants match rotated copies.
 * - Embedded ICC profiles are ignored (no conversion to sRGB): the reference hashes
 *   the stored values, and three of the reference PNGs carry profiles.
 * - 16-bit images are reduced to 8 bits per sample.
 * - Palette and 1-bit images are expanded by libvips (to RGB or grey).
 *
 * Before decoding, the header's size is checked against the file's length
 * (image-plausibility.ts): libvips allocates the declared canvas of a truncated file.
 */
export class SharpImageDecoder implements ImageDecoder {
  async decode(bytes: Uint8Array, limits: ImageLimits): Promise<DecodedImage> {
    const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await checkHeader(input, limits);
    try {
      // libvips checks the pixel limit from the header, before it allocates or decodes.
      const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1, ignoreIcc: true, sequentialRead: true })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      const channels = info.channels as 1 | 2 | 3 | 4;
      return { width: info.width, height: info.height, channels, data };
    } catch (err) {
      const coded = mapSharpError(err);
      if (coded.code === 'MEDIA_TOO_MANY_PIXELS') throw await withDimensions(input, limits, coded);
      throw coded;
    }
  }
}

/** Reads only the header: refuses a declared size the file's length cannot hold. */
async function checkHeader(input: Buffer, limits: ImageLimits): Promise<void> {
  let header: { format?: string; width?: number; height?: number };
  try {
    header = await sharp(input, { failOn: 'none', limitInputPixels: false }).metadata();
  } catch (err) {
    throw mapSharpError(err);
  }
  if (!header.format || !header.width || !header.height) return; // the decode reports what is wrong
  if (header.width * header.height > limits.maxPixels) {
    throw new ConcordError('MEDIA_TOO_MANY_PIXELS', `image is ${header.width}×${header.height} = ${header.width * header.height} pixels, over the limit of ${limits.maxPixels}`);
  }
  assertPlausibleSize({ format: header.format, width: header.width, height: header.height }, input.length);
}

/** Only on refusal: read the header again to say how large the image claims to be. */
async function withDimensions(input: Buffer, limits: ImageLimits, fallback: ConcordError): Promise<ConcordError> {
  try {
    const { width, height } = await sharp(input, { failOn: 'none' }).metadata();
    if (!width || !height) return fallback;
    return new ConcordError('MEDIA_TOO_MANY_PIXELS', `image is ${width}×${height} = ${width * height} pixels, over the limit of ${limits.maxPixels}`);
  } catch {
    return fallback;
  }
}

function mapSharpError(err: unknown): ConcordError {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (/unsupported image format/i.test(message)) {
    return new ConcordError('MEDIA_UNSUPPORTED', 'not an image format Concord decodes (JPEG, PNG, WebP, GIF, TIFF, AVIF)');
  }
  if (/pixel limit/i.test(message)) return new ConcordError('MEDIA_TOO_MANY_PIXELS', message);
  return new ConcordError('MEDIA_CORRUPT', `image could not be decoded: ${message}`);
}
