import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ConcordError } from '../../errors/concord-error.js';
import { FfmpegAudioDecoder } from '../../media/ffmpeg/ffmpeg-audio-decoder.js';
import { ContentSource } from '../content-source.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { audioPorts, ffmpegOutput, makeMusic, SKIP_NO_FFMPEG, TEST_FFMPEG, TEST_MP3, TEST_MP3_B64 } from './chromaprint-audio.test-helper.js';
import { bestAlignment } from './chromaprint-match.js';
import { audioChromaprintSignal as signal } from './chromaprint-signal.js';
import { itemsOf } from './chromaprint-value.js';

const hash = async (content: ContentSource): Promise<HashedSignal> => {
  const r = await signal.hash!(content, {});
  assert.ok(!isSkipped(r), 'expected a signal');
  return r;
};

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (err: unknown) => err instanceof ConcordError && err.code === code);

describe('audio_chromaprint values', () => {
  test('validate returns the canonical fpcalc string', () => {
    const b64 = TEST_MP3_B64();
    assert.deepEqual(signal.validate(` ${b64}\n`), { ok: true, value: b64 });
    const standard = Buffer.from(b64, 'base64url').toString('base64');
    assert.deepEqual(signal.validate(standard), { ok: true, value: b64 });
  });

  test('validate rejects malformed fingerprints with SIGNAL_VALUE_INVALID and a reason', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['AQAAAA', /no items/],
      ['AAAAAkEA', /algorithm 0/],
      ['null', /shorter than the 4-byte header/],
      ['coustid Fingerprint', /not base64url/],
      ['AQAAO0mSRJKS,AQAA', /not base64url/],
      [TEST_MP3_B64().slice(0, 40), /truncated/],
    ];
    for (const [raw, reason] of cases) {
      const r = signal.validate(raw);
      assert.equal(r.ok, false, raw);
      if (!r.ok) {
        assert.equal(r.code, 'SIGNAL_VALUE_INVALID');
        assert.match(r.message, reason);
      }
    }
  });
});

describe('audio_chromaprint hashing', { skip: SKIP_NO_FFMPEG }, () => {
  test(`test.mp3 through ffmpeg gives the fpcalc 1.5.1 string (ffmpeg: ${TEST_FFMPEG})`, async () => {
    const content = new ContentSource(readFileSync(TEST_MP3), audioPorts());
    assert.equal(content.contentType, 'audio');
    const s = await hash(content);
    assert.equal(s.value, TEST_MP3_B64());
    assert.equal(s.matchable, true);
    assert.deepEqual(s.details, { items: 59, durationSeconds: 10.01 });
    assert.equal(await hash(content).then((again) => again.value), s.value);
  });

  test('prepare readies the decoder, so the first file is decoded by an ffmpeg started ahead', async () => {
    const decoder = new FfmpegAudioDecoder({ ffmpeg: TEST_FFMPEG!, warmSpare: true });
    const ports = { ...audioPorts(), audioDecoder: decoder };
    signal.prepare!(ports);
    const s = await hash(new ContentSource(readFileSync(TEST_MP3), ports));
    assert.equal(decoder.warm?.handedOut, 1);
    assert.equal(s.value, TEST_MP3_B64());
    decoder.close();
  });

  test('matches a re-encoded 15-second excerpt of a longer recording at its offset, and not unrelated audio', async () => {
    const recording = makeMusic(3, 60, ['-c:a', 'libmp3lame', '-b:a', '128k', '-f', 'mp3']);
    const whole = await hash(new ContentSource(recording, audioPorts()));
    const excerpt = ffmpegOutput(['-ss', '20', '-i', 'pipe:0', '-t', '15', '-ac', '1', '-c:a', 'aac', '-b:a', '48k', '-f', 'adts'], recording);
    const clip = await hash(new ContentSource(excerpt, audioPorts()));
    const distance = signal.distance(clip.value, whole.value);
    assert.ok(distance <= signal.threshold, `excerpt distance ${distance}`);
    const offset = bestAlignment(itemsOf(clip.value), itemsOf(whole.value))!.offset;
    assert.ok(Math.abs(offset - 20 * (11025 / 1365)) <= 2, `offset ${offset} items`);

    for (const seed of [4, 9]) {
      const other = await hash(new ContentSource(makeMusic(seed, 30, ['-c:a', 'libvorbis', '-f', 'ogg']), audioPorts()));
      const d = signal.distance(clip.value, other.value);
      assert.ok(d > signal.threshold, `unrelated seed ${seed} scored ${d}`);
    }
  });
});

describe('audio_chromaprint bad inputs', { skip: SKIP_NO_FFMPEG }, () => {
  const wav = (seconds: number) => makeMusic(1, seconds, ['-c:a', 'pcm_s16le', '-f', 'wav']);
  const silentVideo = () => ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5', '-t', '4', '-c:v', 'mpeg4', '-f', 'matroska']);

  test('audio under 3 s fails with MEDIA_TOO_SHORT', async () => {
    await rejectsWith(signal.hash!(new ContentSource(wav(2.5), audioPorts()), {}), 'MEDIA_TOO_SHORT');
  });

  test('audio of 3 to 10 s is fingerprinted but not matchable', async () => {
    const s = await hash(new ContentSource(wav(6), audioPorts()));
    assert.equal(s.matchable, false);
    assert.equal(s.details?.items, 27);
  });

  test('an audio file with no audio stream fails with MEDIA_NO_AUDIO; a silent video is skipped', async () => {
    const bytes = silentVideo();
    await rejectsWith(signal.hash!(new ContentSource(bytes, audioPorts(), { contentType: 'audio' }), {}), 'MEDIA_NO_AUDIO');
    const video = new ContentSource(bytes, audioPorts());
    assert.equal(video.contentType, 'video');
    const r = await signal.hash!(video, {});
    assert.ok(isSkipped(r) && /no audio stream/.test(r.skipped));
  });

  test('corrupt bytes fail with MEDIA_CORRUPT', async () => {
    const mp3 = readFileSync(TEST_MP3);
    const garbage = Buffer.concat([mp3.subarray(0, 4), Buffer.alloc(20000, 0x5a)]);
    await rejectsWith(signal.hash!(new ContentSource(garbage, audioPorts(), { contentType: 'audio' }), {}), 'MEDIA_CORRUPT');
  });

  test('a decode past the time limit fails with MEDIA_TIMEOUT', async () => {
    const ports = audioPorts({ maxDurationSeconds: 3600, timeoutMs: 1 });
    await rejectsWith(signal.hash!(new ContentSource(readFileSync(TEST_MP3), ports), {}), 'MEDIA_TIMEOUT');
  });

  test('without an audio decoder port it fails with DECODER_MISSING', async () => {
    const { audioDecoder: _, ...ports } = audioPorts();
    await rejectsWith(signal.hash!(new ContentSource(readFileSync(TEST_MP3), ports), {}), 'DECODER_MISSING');
  });
});
