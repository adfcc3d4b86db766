import { ConcordError } from '../errors/concord-error.js';
import type { AudioDecoder, MediaLimits } from '../media/audio-decoder.js';
import type { DecodedImage } from '../media/decoded-image.js';
import type { ImageDecoder, ImageLimits } from '../media/image-decoder.js';
import type { PdfTextExtractor } from '../media/pdf-text-extractor.js';
import { SharedVideoDecode } from '../media/shared-video-decode.js';
import type { VideoDecoder } from '../media/video-decoder.js';
import { sniff, type Sniffed } from '../media/sniff.js';
import type { ConcurrencyGate } from '../util/concurrency-gate.js';
import type { ContentType } from './content-type.js';

/** The ports a content source may use to decode media. Absent decoders fail with DECODER_MISSING. */
export interface MediaPorts {
  readonly imageDecoder: ImageDecoder;
  readonly imageLimits: ImageLimits;
  readonly audioDecoder?: AudioDecoder;
  readonly videoDecoder?: VideoDecoder;
  readonly pdfText?: PdfTextExtractor;
  readonly mediaLimits?: MediaLimits;
  /** Bounds how many contents decode and hash at once (a node sets it; the CLI goes file by file). */
  readonly decodeGate?: ConcurrencyGate;
  /** Stops what the decoders keep running between files (a waiting ffmpeg, a PDF worker). */
  close?(): Promise<void>;
}

/**
 * One piece of content on its way to the hashers. Decodes are lazy and memoised, so
 * several signal types share one decode (a video's frames and its soundtrack, say).
 */
export class ContentSource {
  readonly bytes: Uint8Array;
  readonly sniffed: Sniffed;
  readonly ports: MediaPorts;
  private readonly memos = new Map<string, Promise<unknown>>();
  private sharedVideo: SharedVideoDecode | undefined;

  constructor(bytes: Uint8Array, ports: MediaPorts, sniffed?: Sniffed) {
    if (bytes.length === 0) throw new ConcordError('MEDIA_EMPTY', 'the file is empty (0 bytes)');
    this.bytes = bytes;
    this.ports = ports;
    this.sniffed = sniffed ?? sniff(bytes);
  }

  /** Content given as text (e.g. `concord hash --text`), not as a file. */
  static fromText(text: string, ports: MediaPorts): ContentSource {
    return new ContentSource(Buffer.from(text, 'utf8'), ports, { contentType: 'text' });
  }

  /** A URL given as such (e.g. `concord hash --url`); it is canonicalised, never fetched. */
  static fromUrl(url: string, ports: MediaPorts): ContentSource {
    return new ContentSource(Buffer.from(url, 'utf8'), ports, { contentType: 'url' });
  }

  get contentType(): ContentType {
    return this.sniffed.contentType;
  }

  /** Decoded pixels; throws a coded error for corrupt or oversized images. */
  image(): Promise<DecodedImage> {
    return this.memo('image', () => this.ports.imageDecoder.decode(this.bytes, this.ports.imageLimits));
  }

  /** The content as UTF-8 text. */
  text(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8');
  }

  /** The text the text signals read: a PDF's extracted text layer, else the content as UTF-8. */
  documentText(): Promise<string> {
    if (this.sniffed.format !== 'pdf') return Promise.resolve(this.text());
    return this.memo('pdf:text', async () => {
      const extractor = this.ports.pdfText;
      if (!extractor) throw new ConcordError('DECODER_MISSING', 'no PDF text extractor is configured');
      return extractor.extractText(this.bytes);
    });
  }

  /**
   * The video decoder of this content's video signals: the frames they ask for as they
   * start come from one decode (shared-video-decode.ts). DECODER_MISSING without one.
   */
  videoFrames(): Pick<VideoDecoder, 'frames'> {
    const decoder = this.ports.videoDecoder;
    if (!decoder) throw new ConcordError('DECODER_MISSING', 'no video decoder is configured: install ffmpeg (apt-get install ffmpeg) or set CONCORD_FFMPEG');
    this.sharedVideo ??= new SharedVideoDecode(decoder);
    return this.sharedVideo;
  }

  /**
   * Runs `make` once per key for this content and shares the result, for decodes that
   * several signal types need (keys name the decode, e.g. `chromaprint:11025`).
   */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let found = this.memos.get(key) as Promise<T> | undefined;
    if (!found) {
      found = make();
      this.memos.set(key, found);
    }
    return found;
  }
}
