import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { audioVector, ffmpegOutput, makeMusic, pcm, SKIP_NO_FFMPEG, TEST_FFMPEG, TEST_MP3 } from '../../signals/audio-chromaprint/chromaprint-audio.test-helper.js';
import { CHROMAPRINT_RESAMPLE_FILTER } from '../../signals/audio-chromaprint/chromaprint-signal.js';
import type { AudioRequest, MediaLimits } from '../audio-decoder.js';
import { FfmpegAudioDecoder } from './ffmpeg-audio-decoder.js';

const LIMITS: MediaLimits = { maxDurationSeconds: 3600, timeoutMs: 60_000 };
const CHROMAPRINT: AudioRequest = { sampleRate: 11025, resampleFilter: CHROMAPRINT_RESAMPLE_FILTER, maxSeconds: 120 };
const code = (c: string) => (err: unknown) => err instanceof ConcordError && err.code === c;

describe(`FfmpegAudioDecoder (ffmpeg: ${TEST_FFMPEG})`, { skip: SKIP_NO_FFMPEG }, () => {
  const decoder = new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG! });

  test('decodes test.mp3 from stdin to the vector PCM, bar the last 9 samples', async () => {
    // From a pipe ffmpeg cannot find the MP3's end to trim the encoder padding, so the
    // stream runs 66 samples longer and its last 9 reference samples differ; the
    // fingerprint is unaffected (the chromaprint-signal test checks it).
    const expected = pcm(audioVector('derived', 'test.mp3.11025-mono-s16le.raw'));
    const { sampleRate, samples } = await decoder.decodeMono(readFileSync(TEST_MP3), CHROMAPRINT, LIMITS);
    assert.equal(sampleRate, 11025);
    assert.deepEqual(samples.subarray(0, expected.length - 9), expected.subarray(0, expected.length - 9));
    assert.equal(samples.length, expected.length + 66);
  });

  test('hands over the samples piece by piece, in order, as they are decoded', async () => {
    const pieces: Int16Array[] = [];
    const { samples } = await decoder.decodeMono(readFileSync(TEST_MP3), { ...CHROMAPRINT, maxSeconds: 7 }, LIMITS, (piece) => pieces.push(piece.slice()));
    assert.ok(pieces.length > 1, 'more than one piece');
    const joined = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
    pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    assert.deepEqual(joined, samples);
    assert.equal(samples.length, 7 * 11025);
  });

  test('a decoder with a warm spare gives the same samples from the spare', async () => {
    const warm = new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG!, warmSpare: true });
    const request = { ...CHROMAPRINT, maxSeconds: 5 };
    const first = await warm.decodeMono(readFileSync(TEST_MP3), request, LIMITS);
    await new Promise((resolve) => setImmediate(resolve)); // the spare is started just after a run
    const second = await warm.decodeMono(readFileSync(TEST_MP3), request, LIMITS);
    assert.equal(warm.warm?.handedOut, 1);
    assert.deepEqual(second.samples, first.samples);
    await assert.rejects(warm.decodeMono(new Uint8Array(64).fill(7), request, LIMITS), code('MEDIA_CORRUPT'));
    warm.warm?.close();
  });

  test('prepare starts the spare the first decode gets, and close stops it', async () => {
    const warm = new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG!, warmSpare: true });
    const request = { ...CHROMAPRINT, maxSeconds: 5 };
    warm.prepare(request);
    assert.equal(warm.warm?.waiting, true);
    const { samples } = await warm.decodeMono(readFileSync(TEST_MP3), request, LIMITS);
    assert.equal(warm.warm?.handedOut, 1, 'the very first file found ffmpeg started');
    assert.equal(samples.length, 5 * 11025);
    await new Promise((resolve) => setImmediate(resolve)); // the next spare is started just after a run
    assert.equal(warm.warm?.waiting, true);
    warm.close();
    assert.equal(warm.warm?.waiting, false);
  });

  test('prepare does nothing without a warm spare or without ffmpeg, and does not throw', () => {
    const cold = new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG! });
    cold.prepare(CHROMAPRINT);
    assert.equal(cold.warm, undefined);
    const missing = new FfmpegAudioDecoder({ ffmpeg: () => { throw new ConcordError('DECODER_MISSING', 'no ffmpeg'); }, warmSpare: true });
    missing.prepare(CHROMAPRINT);
    assert.equal(missing.warm?.waiting, false);
  });

  test('stops at maxSeconds', async () => {
    const { samples } = await decoder.decodeMono(readFileSync(TEST_MP3), { ...CHROMAPRINT, maxSeconds: 4 }, LIMITS);
    assert.equal(samples.length, 4 * 11025);
  });

  test('decodes an MP4 whose moov box is at the end, as from the same file made streamable, and refuses one declared too long', async () => {
    // ffmpeg only writes a plain MP4 to a seekable file, so this test (not the decoder) uses a temp folder.
    const dir = mkdtempSync(join(tmpdir(), 'concord-mp4-'));
    try {
      const make = (name: string, flags: string[]) => {
        const path = join(dir, name);
        const r = spawnSync(TEST_FFMPEG!, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5', '-i', TEST_MP3, '-map', '0:v', '-map', '1:a', '-shortest', '-c:v', 'mpeg4', '-c:a', 'aac', ...flags, path]);
        assert.equal(r.status, 0, r.stderr.toString());
        return readFileSync(path);
      };
      const moovLast = make('moov-last.mp4', []);
      const streamable = make('streamable.mp4', ['-movflags', '+faststart']);
      assert.ok(moovLast.indexOf('moov') > moovLast.indexOf('mdat'), 'ffmpeg wrote moov after mdat');
      const a = await decoder.decodeMono(moovLast, CHROMAPRINT, LIMITS);
      const b = await decoder.decodeMono(streamable, CHROMAPRINT, LIMITS);
      assert.ok(a.samples.length > 9 * 11025);
      assert.deepEqual(a.samples, b.samples);
      // MP4 declares its duration up front, so a long one is refused before decoding.
      await assert.rejects(decoder.decodeMono(streamable, CHROMAPRINT, { ...LIMITS, maxDurationSeconds: 5 }), (err) => code('MEDIA_TOO_LONG')(err) && /lasts 10\.\d s/.test((err as Error).message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('rejects a stream that decodes past the limit with MEDIA_TOO_LONG (from a pipe most formats declare no duration)', async () => {
    const raw = makeMusic(2, 8, ['-c:a', 'pcm_s16le', '-f', 's16le']);
    const adts = ffmpegOutput(['-f', 's16le', '-ar', '44100', '-ac', '1', '-i', 'pipe:0', '-c:a', 'aac', '-f', 'adts'], raw);
    await assert.rejects(decoder.decodeMono(adts, { sampleRate: 11025 }, { ...LIMITS, maxDurationSeconds: 5 }), code('MEDIA_TOO_LONG'));
  });

  test('fails with MEDIA_NO_AUDIO, MEDIA_CORRUPT and MEDIA_TIMEOUT', async () => {
    const video = ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5', '-t', '2', '-c:v', 'mpeg4', '-f', 'matroska']);
    await assert.rejects(decoder.decodeMono(video, CHROMAPRINT, LIMITS), code('MEDIA_NO_AUDIO'));
    const random = Uint8Array.from({ length: 4 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    await assert.rejects(decoder.decodeMono(random, CHROMAPRINT, LIMITS), code('MEDIA_CORRUPT'));
    await assert.rejects(decoder.decodeMono(readFileSync(TEST_MP3), CHROMAPRINT, { ...LIMITS, timeoutMs: 1 }), code('MEDIA_TIMEOUT'));
  });

  test('a playlist cannot make ffmpeg read other files', async () => {
    const playlist = Buffer.from(`#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://${TEST_MP3}\n#EXT-X-ENDLIST\n`);
    await assert.rejects(decoder.decodeMono(playlist, CHROMAPRINT, LIMITS), code('MEDIA_CORRUPT'));
  });
});

test('a binary that cannot be started fails with DECODER_MISSING', async () => {
  const decoder = new FfmpegAudioDecoder({ ffmpeg: '/nonexistent/ffmpeg' });
  await assert.rejects(decoder.decodeMono(new Uint8Array(8), CHROMAPRINT, LIMITS), (err) => code('DECODER_MISSING')(err) && /apt-get install ffmpeg/.test((err as Error).message));
});

test('a decoder whose locator finds nothing fails each decode with DECODER_MISSING', async () => {
  const decoder = new FfmpegAudioDecoder({ ffmpeg: () => { throw new ConcordError('DECODER_MISSING', 'ffmpeg was not found'); } });
  await assert.rejects(decoder.decodeMono(new Uint8Array(8), CHROMAPRINT, LIMITS), code('DECODER_MISSING'));
});
