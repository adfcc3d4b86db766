import { ConcordError } from '../errors/concord-error.js';
import type { DecodedImage } from '../media/decoded-image.js';
import type { ImageDecoder, ImageLimits } from '../media/image-decoder.js';
import { sniff, type Sniffed } from '../media/sniff.js';
import type { ContentType } from './content-type.js';

/** The ports a content source may use to decode media. */
export interface MediaPorts {
  readonly imageDecoder: ImageDecoder;
  readonly imageLimits: ImageLimits;
}

/**
 * One piece of content on its way to the hashers. It decodes lazily and at most once,
 * so several signal types can share one decode.
 */
export class ContentSource {
  readonly bytes: Uint8Array;
  readonly sniffed: Sniffed;
  private readonly ports: MediaPorts;
  private imagePromise?: Promise<DecodedImage>;

  constructor(bytes: Uint8Array, ports: MediaPorts) {
    if (bytes.length === 0) throw new ConcordError('MEDIA_EMPTY', 'the file is empty (0 bytes)');
    this.bytes = bytes;
    this.ports = ports;
    this.sniffed = sniff(bytes);
  }

  get contentType(): ContentType {
    return this.sniffed.contentType;
  }

  /** Decoded pixels; throws a coded error for corrupt or oversized images. */
  image(): Promise<DecodedImage> {
    this.imagePromise ??= this.ports.imageDecoder.decode(this.bytes, this.ports.imageLimits);
    return this.imagePromise;
  }
}
