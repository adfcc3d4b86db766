import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moovFirst } from './ffmpeg-faststart.js';

const box = (type: string, body: Uint8Array): Uint8Array => {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(body, 8);
  return out;
};
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const stco = (offsets: number[]) => {
  const body = new Uint8Array(8 + 4 * offsets.length);
  const v = new DataView(body.buffer);
  v.setUint32(4, offsets.length);
  offsets.forEach((o, i) => v.setUint32(8 + 4 * i, o));
  return box('stco', body);
};
const moovWith = (offsets: number[]) => box('moov', box('trak', box('mdia', box('minf', box('stbl', stco(offsets))))));
const offsetsIn = (file: Uint8Array, moovAt: number, n: number) => {
  const v = new DataView(file.buffer, file.byteOffset);
  // moov(8) trak(8) mdia(8) minf(8) stbl(8) stco header(8) + version/flags(4) + count(4)
  return Array.from({ length: n }, (_, i) => v.getUint32(moovAt + 56 + 4 * i));
};

test('moves moov before mdat and shifts the chunk offsets by its size', () => {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0', 'latin1'));
  const mdat = box('mdat', new Uint8Array(100).fill(7));
  const chunkOffsets = [ftyp.length + 8, ftyp.length + 58];
  const moov = moovWith(chunkOffsets);
  const file = Buffer.from(concat(ftyp, mdat, moov));
  const before = Buffer.from(file);
  const out = moovFirst(file);
  assert.deepEqual(file, before, 'the input is left as it was');
  assert.equal(out.length, file.length);
  assert.equal(Buffer.from(out.subarray(ftyp.length + 4, ftyp.length + 8)).toString('latin1'), 'moov');
  assert.deepEqual(offsetsIn(out, ftyp.length, 2), chunkOffsets.map((o) => o + moov.length));
  // The media bytes the new offsets point at are the ones the old offsets pointed at.
  assert.equal(out[chunkOffsets[1]! + moov.length], file[chunkOffsets[1]!]);
});

test('leaves streamable, fragmented and non-MP4 input untouched', () => {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0', 'latin1'));
  const mdat = box('mdat', new Uint8Array(10));
  const ready = concat(ftyp, moovWith([40]), mdat);
  assert.equal(moovFirst(ready), ready);
  const fragmented = concat(ftyp, mdat, box('moof', new Uint8Array(4)), moovWith([40]));
  assert.equal(moovFirst(fragmented), fragmented);
  const mp3 = Uint8Array.from(Buffer.from('ID3\u0003\0\0\0\0\0\0 not a box', 'latin1'));
  assert.equal(moovFirst(mp3), mp3);
});
