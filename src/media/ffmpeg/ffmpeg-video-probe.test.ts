import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactRate, parseVideoStreamLine } from './ffmpeg-video-probe.js';

test('reads size and average rate from an input dump stream line', () => {
  assert.deepEqual(
    parseVideoStreamLine('  Stream #0:0[0x1](eng): Video: h264 (Main) (avc1 / 0x31637661), yuv420p(progressive), 1280x720 [SAR 1:1 DAR 16:9], 877 kb/s, 30 fps, 30 tbr, 15360 tbn (default)'),
    { width: 1280, height: 720, fps: 30 },
  );
  assert.deepEqual(parseVideoStreamLine('  Stream #0:0: Video: h264 (High), yuv420p(tv, bt709, progressive), 320x240, 23.98 fps, 23.98 tbr, 1k tbn'), { width: 320, height: 240, fps: 24000 / 1001 });
  // No average rate: the real base rate.
  assert.deepEqual(parseVideoStreamLine('  Stream #0:1: Video: vp9, yuv420p, 640x360, SAR 1:1 DAR 16:9, 25 tbr, 1k tbn'), { width: 640, height: 360, fps: 25 });
  assert.deepEqual(parseVideoStreamLine('  Stream #0:0: Video: rawvideo, rgb24, 64x64, 1k fps, 1k tbr'), { width: 64, height: 64, fps: 1000 });
  assert.deepEqual(parseVideoStreamLine('  Stream #0:0: Video: mjpeg, yuvj420p, 64x64'), { width: 64, height: 64, fps: undefined });
});

test('ignores other lines and cover art', () => {
  assert.equal(parseVideoStreamLine('  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 64 kb/s (default)'), undefined);
  assert.equal(parseVideoStreamLine('  Stream #0:1: Video: png, rgba(pc), 500x500, 90k tbr, 90k tbn (attached pic)'), undefined);
  assert.equal(parseVideoStreamLine('  Duration: 00:00:04.33, start: 0.000000, bitrate: N/A'), undefined);
});

test('restores NTSC rates from their printed form and keeps others as printed', () => {
  assert.equal(exactRate(29.97), 30000 / 1001);
  assert.equal(exactRate(59.94), 60000 / 1001);
  assert.equal(exactRate(23.98), 24000 / 1001);
  assert.equal(exactRate(119.88), 120000 / 1001);
  assert.equal(exactRate(30), 30);
  assert.equal(exactRate(12.5), 12.5);
  assert.equal(exactRate(29.5), 29.5);
});
