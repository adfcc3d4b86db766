import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DecodedImage } from '../../media/decoded-image.js';
import { DEFAULT_IMAGE_LIMITS } from '../../media/image-decoder.js';
import { SharpImageDecoder } from '../../media/sharp-image-decoder.js';
import { repoRoot } from '../../testing/repo-root.js';

/** The PDQ test vectors (test/fixtures/vectors/pdq; see test/fixtures/vectors/README.md). */
export const VECTORS = join(repoRoot(import.meta.url), 'test', 'fixtures', 'vectors', 'pdq');

export interface ManifestRow {
  file: string;
  width: number;
  height: number;
  channels: number;
  hash: string;
  quality: number;
}

export const DIHEDRAL_COLUMNS = ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipplus1', 'flipminus1'] as const;

function tsv(name: string): string[][] {
  return readFileSync(join(VECTORS, name), 'utf8').trim().split('\n').filter((line) => !line.startsWith('#')).map((line) => line.split('\t'));
}

export function manifest(): ManifestRow[] {
  return tsv('manifest.tsv').map(([file, width, height, channels, hash, quality]) => ({
    file: file!, width: Number(width), height: Number(height), channels: Number(channels), hash: hash!, quality: Number(quality),
  }));
}

/** file → its 8 dihedral hashes in DIHEDRAL_COLUMNS order. */
export function dihedralTable(): Map<string, string[]> {
  return new Map(tsv('dihedral.tsv').map(([file, ...hashes]) => [file!, hashes.slice(0, 8)]));
}

export const isJpeg = (file: string): boolean => /\.jpe?g$/i.test(file);

/** decoded/<name>.rgb.png: the reference's own decode of a JPEG, if the vectors have one. */
export function standIn(file: string): string | undefined {
  const path = join(VECTORS, 'decoded', `${basename(file).replace(/\.jpe?g$/i, '')}.rgb.png`);
  return existsSync(path) ? path : undefined;
}

const decoder = new SharpImageDecoder();

export function decode(path: string): Promise<DecodedImage> {
  return decoder.decode(readFileSync(path), DEFAULT_IMAGE_LIMITS);
}

/** A little-endian float32 dump from intermediates/. */
export function readFloat32(name: string): Float32Array {
  const bytes = readFileSync(join(VECTORS, 'intermediates', name));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function hamming(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

/** Index of the first element whose bits differ, or -1: float32 equality that tells -0 from 0. */
export function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}
