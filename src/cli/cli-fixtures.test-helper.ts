import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { CliIo } from './cli-io.js';
import { run } from './main.js';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l), stderrIsTty: false };
  const code = await run(['node', 'concord', ...args], io);
  return { code, out, err };
}

export const jsonLines = (lines: string[]): any[] => lines.join('\n').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG whose header claims 50000×50000 grey pixels: a few hundred bytes on disk. */
export function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50000, 0);
  ihdr.writeUInt32BE(50000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  // The first rows of zeros; a real bomb continues for gigabytes.
  const idat = deflateSync(Buffer.alloc(50001 * 8));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A folder of bad inputs beside one good image, for batch behaviour tests. */
export async function badInputFolder(goodJpeg: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
  writeFileSync(join(dir, 'a-good.jpg'), goodJpeg);
  writeFileSync(join(dir, 'b-empty.jpg'), Buffer.alloc(0));
  writeFileSync(join(dir, 'c-truncated.jpg'), goodJpeg.subarray(0, Math.floor(goodJpeg.length / 3)));
  writeFileSync(join(dir, 'd-notes.txt'), 'this is not an image\n');
  writeFileSync(join(dir, 'e-bomb.png'), bombPng());
  writeFileSync(join(dir, 'f-tiny.png'), await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).png().toBuffer());
  writeFileSync(join(dir, 'g-image.bmp'), Buffer.concat([Buffer.from('BM'), Buffer.alloc(64)]));
  return dir;
}
