import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ffmpegOutput, hasCode, sampleVideo, SKIP_NO_FFMPEG, TEST_FFMPEG, TEST_LIMITS } from '../../signals/vpdq/vpdq-fixtures.test-helper.js';
import type { VideoFrame, VideoFrameRequest } from '../video-decoder.js';
import { locateFfmpeg } from './ffmpeg-locate.js';
import { FfmpegVideoDecoder } from './ffmpeg-video-decoder.js';

const EVERY_SECOND: VideoFrameRequest = { secondsPerHash: 1 };

describe(`FfmpegVideoDecoder (ffmpeg: ${TEST_FFMPEG})`, { skip: SKIP_NO_FFMPEG }, () => {
  const decoder = new FfmpegVideoDecoder({ ffmpeg: TEST_FFMPEG! });
  const collect = async (bytes: Uint8Array, request = EVERY_SECOND, limits = TEST_LIMITS) => {
    const frames: Omit<VideoFrame, 'image'>[] = [];
    const info = await decoder.frames(bytes, request, limits, ({ index, timestamp, image }) => {
      assert.equal(image.data.length, image.width * image.height * 3);
      frames.push({ index, timestamp });
    });
    return { info, frames };
  };

  test('chooses every floor(secondsPerHash × fps)-th frame of a 29.97 fps video, timestamped index / fps', async () => {
    const ntsc = ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=30000/1001', '-frames:v', '150', '-c:v', 'libx264', '-f', 'matroska']);
    const { info, frames } = await collect(ntsc);
    assert.equal(info.fps, 30000 / 1001);
    assert.deepEqual([info.width, info.height, info.frames], [96, 64, 6]);
    assert.deepEqual(frames.map((f) => f.index), [0, 29, 58, 87, 116, 145]);
    assert.deepEqual(frames.map((f) => f.timestamp), [0, 29, 58, 87, 116, 145].map((i) => i / (30000 / 1001)));
    const every = await collect(ntsc, { secondsPerHash: 0 });
    assert.deepEqual(every.frames.map((f) => f.index), [...Array(150).keys()]);
    const halves = await collect(ntsc, { secondsPerHash: 0.5, size: 32 });
    assert.deepEqual([halves.info.width, halves.info.height, halves.frames.length], [32, 32, 11]);
  });

  test('taps: several frame choices from one decode give each exactly the frames a decode of its own gives', async () => {
    const ntsc = ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=30000/1001', '-frames:v', '75', '-c:v', 'libx264', '-f', 'matroska']);
    const digest = (image: { data: Uint8Array }) => createHash('sha256').update(image.data).digest('hex').slice(0, 16);
    const alone = async (request: VideoFrameRequest) => {
      const seen: string[] = [];
      const info = await decoder.frames(ntsc, request, TEST_LIMITS, ({ index, image }) => seen.push(`${index}:${image.width}x${image.height}:${digest(image)}`));
      return { info, seen };
    };
    const requests: VideoFrameRequest[] = [EVERY_SECOND, { secondsPerHash: 0, size: 32 }, { secondsPerHash: 0.5, size: 48 }];
    const shared = requests.map(() => [] as string[]);
    const infos = await decoder.taps(ntsc, requests.map((request, k) => ({ request, onFrame: ({ index, image }) => shared[k]!.push(`${index}:${image.width}x${image.height}:${digest(image)}`) })), TEST_LIMITS);
    for (const [k, request] of requests.entries()) {
      const own = await alone(request);
      assert.deepEqual(shared[k], own.seen, `tap ${k}`);
      assert.deepEqual(infos[k], own.info);
    }
    assert.deepEqual(shared.map((s) => s.length), [3, 75, 6]);
  });

  test('decodes an MP4 whose moov box is at the end as the same file made streamable', async () => {
    // ffmpeg only writes a plain MP4 to a seekable file, so this test (not the decoder) uses a temp folder.
    const dir = mkdtempSync(join(tmpdir(), 'concord-mp4-'));
    try {
      const make = (name: string, flags: string[]) => {
        const path = join(dir, name);
        const r = spawnSync(TEST_FFMPEG!, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=10', '-t', '4', '-c:v', 'libx264', ...flags, path]);
        assert.equal(r.status, 0, r.stderr.toString());
        return readFileSync(path);
      };
      const moovLast = make('moov-last.mp4', []);
      assert.ok(moovLast.indexOf('moov') > moovLast.indexOf('mdat'), 'ffmpeg wrote moov after mdat');
      const a = await collect(moovLast);
      const b = await collect(make('streamable.mp4', ['-movflags', '+faststart']));
      assert.equal(a.info.frames, 4);
      assert.deepEqual(a, b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a file with sound only with MEDIA_NO_VIDEO', async () => {
    const audio = ffmpegOutput(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov']);
    await assert.rejects(collect(audio), hasCode('MEDIA_NO_VIDEO'));
  });

  test('refuses bytes that are not media, and a truncated header, with MEDIA_CORRUPT', async () => {
    const noise = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24);
    await assert.rejects(collect(noise), hasCode('MEDIA_CORRUPT'));
    await assert.rejects(collect(sampleVideo('pattern-sd-grey-bar').subarray(0, 3000)), hasCode('MEDIA_CORRUPT'));
  });

  test('refuses a file cut off in its media data with MEDIA_CORRUPT', async () => {
    const whole = sampleVideo('pattern-sd-grey-bar');
    await assert.rejects(collect(whole.subarray(0, whole.length >> 1)), (err: any) => err.code === 'MEDIA_CORRUPT' && /truncated or damaged/.test(err.message));
    assert.ok((await collect(whole)).frames.length > 0);
  });

  test('stops at the timeout with MEDIA_TIMEOUT', async () => {
    await assert.rejects(collect(sampleVideo('doorknob-hd-no-bar'), EVERY_SECOND, { ...TEST_LIMITS, timeoutMs: 1 }), hasCode('MEDIA_TIMEOUT'));
  });

  test('refuses a video over the duration limit with MEDIA_TOO_LONG, declared or not', async () => {
    // MP4 declares 6.89 s up front: refused before decoding.
    await assert.rejects(collect(sampleVideo('pattern-sd-grey-bar'), EVERY_SECOND, { ...TEST_LIMITS, maxDurationSeconds: 3 }), (err) => hasCode('MEDIA_TOO_LONG')(err) && /lasts 6\.9 s/.test((err as Error).message));
    // MPEG-TS from a pipe declares nothing: refused when a frame passes the limit.
    const ts = ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=10', '-t', '6', '-c:v', 'libx264', '-f', 'mpegts']);
    await assert.rejects(collect(ts, EVERY_SECOND, { ...TEST_LIMITS, maxDurationSeconds: 3 }), (err) => hasCode('MEDIA_TOO_LONG')(err) && /runs past the limit of 3 s/.test((err as Error).message));
    const { info } = await collect(ts);
    assert.deepEqual([info.frames, info.durationSeconds], [6, 5.1]);
  });

  test('fails with DECODER_MISSING when ffmpeg cannot be started or found', async () => {
    const missing = new FfmpegVideoDecoder({ ffmpeg: '/nonexistent/ffmpeg' });
    await assert.rejects(missing.frames(sampleVideo('doorknob-hd-no-bar'), EVERY_SECOND, TEST_LIMITS, () => {}), hasCode('DECODER_MISSING'));
    const unfound = new FfmpegVideoDecoder({ ffmpeg: () => locateFfmpeg({ PATH: '' }, { npmPackage: false }).path });
    await assert.rejects(unfound.frames(sampleVideo('doorknob-hd-no-bar'), EVERY_SECOND, TEST_LIMITS, () => {}), hasCode('DECODER_MISSING'));
  });
});
