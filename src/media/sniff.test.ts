import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SKIP_NO_FFMPEG, TEST_FFMPEG, TEST_MP3 } from '../signals/audio-chromaprint/chromaprint-audio.test-helper.js';
import { fixturePath } from '../testing/repo-root.js';
import { sniff } from './sniff.js';

const bytes = (...parts: (string | number[])[]) => Uint8Array.from(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

test('images keep their types; UTF-8 text is text; unknown binary is a file', () => {
  assert.deepEqual(sniff(readFileSync(fixturePath('vectors', 'pdq', 'images', 'misc', 'small.jpg'))), { contentType: 'photo', format: 'jpeg' });
  assert.deepEqual(sniff(bytes('\x00\x00\x00\x1cftypavif')), { contentType: 'photo', format: 'avif' });
  assert.deepEqual(sniff(bytes('RIFF\0\0\0\0WEBPVP8 ')), { contentType: 'photo', format: 'webp' });
  assert.deepEqual(sniff(bytes('hello, world')), { contentType: 'text' }); // UTF-8 text, see sniff-text.ts
  assert.deepEqual(sniff(bytes([0xff, 0x00, 0x12])), { contentType: 'file' });
});

test('a PDF is a document in the pdf format, its header found within the first 1024 bytes', () => {
  assert.deepEqual(sniff(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj')), { contentType: 'document', format: 'pdf' });
  assert.deepEqual(sniff(bytes('\0'.repeat(100), '%PDF-1.4\n')), { contentType: 'document', format: 'pdf' });
  assert.deepEqual(sniff(bytes('notes about %PDF- files')), { contentType: 'text' });
});

test('recognises audio and video containers by magic bytes', () => {
  const cases: [Uint8Array, string, string][] = [
    [readFileSync(TEST_MP3), 'audio', 'mp3'],
    [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio', 'mp3'],
    [bytes([0xff, 0xf1, 0x50, 0x80]), 'audio', 'aac'],
    [bytes('RIFF\0\0\0\0WAVEfmt '), 'audio', 'wav'],
    [bytes('RIFF\0\0\0\0AVI LIST'), 'video', 'avi'],
    [bytes('fLaC\0\0\0\x22'), 'audio', 'flac'],
    [bytes('FORM\0\0\0\0AIFF'), 'audio', 'aiff'],
    [bytes('\0\0\0\x20ftypM4A \0\0\0\0'), 'audio', 'm4a'],
    [bytes('\0\0\0\x20ftypisom\0\0\x02\0'), 'video', 'mp4'],
    [bytes('\0\0\0\x14ftypqt  \0\0\0\0'), 'video', 'mov'],
    [bytes('\0\0\0\x14ftyp3gp4\0\0\0\0'), 'video', '3gp'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'video', 'webm'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'video', 'matroska'],
    [bytes('FLV', [1, 0x04, 0, 0, 0, 9]), 'audio', 'flv'],
    [bytes('FLV', [1, 0x05, 0, 0, 0, 9]), 'video', 'flv'],
    [bytes([0, 0, 1, 0xba, 0x44]), 'video', 'mpegps'],
  ];
  for (const [input, contentType, format] of cases) assert.deepEqual(sniff(input), { contentType, format }, format);
  const ts = new Uint8Array(188 * 3);
  for (let k = 0; k < 3; k++) ts[k * 188] = 0x47;
  assert.deepEqual(sniff(ts), { contentType: 'video', format: 'mpegts' });
});

describe('real files from ffmpeg', { skip: SKIP_NO_FFMPEG }, () => {
  const make = (args: string[]) => {
    const r = spawnSync(TEST_FFMPEG!, ['-v', 'error', ...args, 'pipe:1'], { maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr.toString());
    return r.stdout;
  };
  const tone = ['-f', 'lavfi', '-i', 'sine=f=440:d=1'];
  const picture = ['-f', 'lavfi', '-i', 'testsrc=size=32x24:rate=5:d=1'];

  test('Ogg is audio unless a video codec opens it', () => {
    assert.deepEqual(sniff(make([...tone, '-c:a', 'libvorbis', '-f', 'ogg'])), { contentType: 'audio', format: 'ogg' });
    assert.deepEqual(sniff(make([...tone, '-c:a', 'libopus', '-f', 'ogg'])), { contentType: 'audio', format: 'ogg' });
    assert.deepEqual(sniff(make([...tone, '-c:a', 'flac', '-f', 'ogg'])), { contentType: 'audio', format: 'ogg' });
    assert.deepEqual(sniff(make([...picture, ...tone, '-c:v', 'libtheora', '-c:a', 'libvorbis', '-f', 'ogg'])), { contentType: 'video', format: 'ogg' });
  });

  test('other containers as ffmpeg writes them', () => {
    assert.deepEqual(sniff(make([...tone, '-f', 'flac'])), { contentType: 'audio', format: 'flac' });
    assert.deepEqual(sniff(make([...tone, '-f', 'wav'])), { contentType: 'audio', format: 'wav' });
    assert.deepEqual(sniff(make([...tone, '-c:a', 'aac', '-f', 'adts'])), { contentType: 'audio', format: 'aac' });
    assert.deepEqual(sniff(make([...picture, '-c:v', 'mpeg4', '-f', 'mpegts'])), { contentType: 'video', format: 'mpegts' });
    assert.deepEqual(sniff(make([...picture, '-c:v', 'libvpx', '-f', 'webm'])), { contentType: 'video', format: 'webm' });
    // Ambiguous by design: an audio-only WebM is still "video"; the decoders find the streams.
    assert.deepEqual(sniff(make([...tone, '-c:a', 'libopus', '-f', 'webm'])), { contentType: 'video', format: 'webm' });
    assert.deepEqual(sniff(make([...picture, '-c:v', 'flv', '-f', 'flv'])), { contentType: 'video', format: 'flv' });
  });
});
