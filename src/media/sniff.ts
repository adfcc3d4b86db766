import type { ContentType } from '../signals/content-type.js';

/** Image container formats we decode, by magic bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heif';

export interface Sniffed {
  readonly contentType: ContentType;
  readonly format?: ImageFormat;
}

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/** Detects the content type from the first bytes. Unknown bytes are plain `file` content. */
export function sniff(bytes: Uint8Array): Sniffed {
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
  return { contentType: 'file' };
}
