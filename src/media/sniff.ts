import type { ContentType } from '../signals/content-type.js';
import { looksLikeText } from './sniff-text.js';

/** Image container formats we decode, by magic bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heif';
/** Audio and video containers recognised by magic bytes; ffmpeg decodes them. */
export type MediaFormat =
  | 'mp3' | 'aac' | 'wav' | 'aiff' | 'flac' | 'ogg' | 'm4a' | 'amr'
  | 'mp4' | 'mov' | '3gp' | 'matroska' | 'webm' | 'avi' | 'flv' | 'mpegts' | 'mpegps' | 'asf';

/** Documents whose text is extracted for the text signals. */
export type DocumentFormat = 'pdf';

export interface Sniffed {
  readonly contentType: ContentType;
  /** The image format (photos), the container (audio, video) or the document format. */
  readonly format?: ImageFormat | MediaFormat | DocumentFormat;
}

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/**
 * Detects the content type from the first bytes. Unknown bytes are plain `file` content.
 *
 * Audio versus video is a guess from the container where the container allows both:
 * Matroska/WebM, MP4, ASF and MPEG streams count as `video` even when they hold only
 * sound, and Ogg counts as `audio` unless a video codec opens it. Audio signals apply
 * to both types, and decoders find out what streams are really there.
 */
export function sniff(bytes: Uint8Array): Sniffed {
  return sniffImage(bytes) ?? sniffMedia(bytes) ?? sniffDocument(bytes) ?? (looksLikeText(bytes) ? { contentType: 'text' } : { contentType: 'file' });
}

/**
 * A PDF is a document: its text layer gets the text signals, its bytes the file digests. Readers accept the header
 * `%PDF-` after some junk within the first 1024 bytes; junk that is itself text would be
 * a text file that mentions PDFs, so the prefix must not look like text.
 */
function sniffDocument(bytes: Uint8Array): Sniffed | undefined {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).indexOf('%PDF-', 0, 'latin1');
  if (at === 0 || (at > 0 && !looksLikeText(bytes.subarray(0, at)))) return { contentType: 'document', format: 'pdf' };
  return undefined;
}

function sniffImage(bytes: Uint8Array): Sniffed | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { contentType: 'photo', format: 'jpeg' };
  if (ascii(bytes, 0, '\x89PNG\r\n\x1a\n')) return { contentType: 'photo', format: 'png' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return { contentType: 'photo', format: 'webp' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return { contentType: 'photo', format: 'gif' };
  if (ascii(bytes, 0, 'II*\0') || ascii(bytes, 0, 'MM\0*')) return { contentType: 'photo', format: 'tiff' };
  if (ascii(bytes, 4, 'ftyp')) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand === 'avif' || brand === 'avis') return { contentType: 'photo', format: 'avif' };
    if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return { contentType: 'photo', format: 'heif' };
  }
  return undefined;
}

const audio = (format: MediaFormat): Sniffed => ({ contentType: 'audio', format });
const video = (format: MediaFormat): Sniffed => ({ contentType: 'video', format });

const AUDIO_BRANDS = ['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '];
const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11];

function sniffMedia(b: Uint8Array): Sniffed | undefined {
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (AUDIO_BRANDS.includes(brand)) return audio('m4a');
    if (brand === 'qt  ') return video('mov');
    if (brand.startsWith('3g')) return video('3gp');
    return video('mp4');
  }
  // QuickTime files from before `ftyp` open with one of these boxes.
  if (['moov', 'mdat', 'wide'].some((t) => ascii(b, 4, t))) return video('mov');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return audio('wav');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return video('avi');
  if (ascii(b, 0, 'FORM') && (ascii(b, 8, 'AIFF') || ascii(b, 8, 'AIFC'))) return audio('aiff');
  if (ascii(b, 0, 'fLaC')) return audio('flac');
  if (ascii(b, 0, '#!AMR')) return audio('amr');
  if (ascii(b, 0, 'OggS')) return sniffOgg(b);
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return video(includesAscii(b.subarray(0, 64), 'webm') ? 'webm' : 'matroska');
  }
  // FLV's header flags say whether video (0x01) and audio (0x04) tags follow.
  if (ascii(b, 0, 'FLV') && b.length >= 5 && b[3] === 1) return (b[4]! & 0x05) === 0x04 ? audio('flv') : video('flv');
  if (ASF_GUID.every((v, i) => b[i] === v)) return video('asf');
  if (isTransportStream(b)) return video('mpegts');
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0xba) return video('mpegps');
  if (ascii(b, 0, 'ID3')) return audio('mp3');
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) return audio('aac');
  if (isMpegAudioFrame(b, 0)) return audio('mp3');
  return undefined;
}

const includesAscii = (b: Uint8Array, s: string): boolean => Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(s, 0, 'latin1');

/** Audio-only unless a beginning-of-stream page names a video codec (Theora, Daala, Dirac, VP8). */
function sniffOgg(b: Uint8Array): Sniffed {
  for (let at = 0; ascii(b, at, 'OggS') && at + 27 <= b.length; ) {
    const headerType = b[at + 5]!;
    if ((headerType & 0x02) === 0) break;
    const segments = b[at + 26]!;
    if (at + 27 + segments > b.length) break;
    let body = 0;
    for (let i = 0; i < segments; i++) body += b[at + 27 + i]!;
    const payload = at + 27 + segments;
    if (ascii(b, payload + 1, 'theora') || ascii(b, payload + 1, 'daala') || ascii(b, payload, 'BBCD') || ascii(b, payload, 'OVP80')) {
      return video('ogg');
    }
    at = payload + body;
  }
  return audio('ogg');
}

/** 0x47 sync bytes at the start of three consecutive 188-byte packets (or 192-byte M2TS packets). */
function isTransportStream(b: Uint8Array): boolean {
  for (const [first, size] of [[0, 188], [4, 192]] as const) {
    if (b.length >= first + 2 * size + 1 && [0, 1, 2].every((k) => b[first + k * size] === 0x47)) return true;
  }
  return false;
}

/** An MPEG-1/2 layer I–III frame header: sync, a defined layer, a usable bitrate and sample rate. */
function isMpegAudioFrame(b: Uint8Array, at: number): boolean {
  if (b.length < at + 4 || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return false;
  const version = (b[at + 1]! >> 3) & 3;
  const layer = (b[at + 1]! >> 1) & 3;
  const bitrate = b[at + 2]! >> 4;
  const rate = (b[at + 2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0xf && rate !== 3;
}
