import sharp from 'sharp';
import { ConcordError } from '../errors/concord-error.js';
import type { DecodedImage } from './decoded-image.js';
import type { ImageDecoder, ImageLimits } from './image-decoder.js';

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
 */
export class SharpImageDecoder implements ImageDecoder {
  async decode(bytes: Uint8Array, limits: ImageLimits): Promise<DecodedImage> {
    const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let width: number | undefined;
    let height: number | undefined;
    try {
      const meta = await sharp(input, { failOn: 'none' }).metadata();
      width = meta.width;
      height = meta.height;
    } catch (err) {
      throw mapSharpError(err);
    }
    if (!width || !height) throw new ConcordError('MEDIA_CORRUPT', 'image header gives no dimensions');
    if (width * height > limits.maxPixels) {
      throw new ConcordError(
        'MEDIA_TOO_MANY_PIXELS',
        `image is ${width}×${height} = ${width * height} pixels, over the limit of ${limits.maxPixels}`,
      );
    }
    try {
      const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1, ignoreIcc: true, sequentialRead: true })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      const channels = info.channels as 1 | 2 | 3 | 4;
      return { width: info.width, height: info.height, channels, data };
    } catch (err) {
      throw mapSharpError(err);
    }
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
