import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContentSource } from '../signals/content-source.js';
import { hashContent } from '../signals/hash-content.js';
import { SignalRegistry } from '../signals/signal-registry.js';
import { ffmpegOutput, SKIP_NO_FFMPEG, videoDecoder, videoPorts } from '../signals/vpdq/vpdq-fixtures.test-helper.js';
import { vpdqSignal } from '../signals/vpdq/vpdq-signal.js';
import { vpdqMultiSignal } from '../signals/vpdq-multi/vpdq-multi-signal.js';
import type { VideoDecoder } from './video-decoder.js';

/** The real ffmpeg decoder, counting the decodes it runs (each is one probe and one ffmpeg run). */
function counted(): { decoder: VideoDecoder; runs: () => number } {
  const real = videoDecoder();
  let runs = 0;
  return {
    runs: () => runs,
    decoder: {
      frames: (...args) => real.frames(...args).finally(() => runs++),
      taps: (...args) => real.taps(...args).finally(() => runs++),
    },
  };
}

describe('one decode for both video signals', { skip: SKIP_NO_FFMPEG }, () => {
  const video = ffmpegOutput(['-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25', '-t', '4', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4']);

  test('vpdq and vpdq_multi hashed together decode the file once, with the values each gets from a decode of its own', async () => {
    const both = counted();
    const together = await hashContent(new SignalRegistry([vpdqSignal, vpdqMultiSignal]), new ContentSource(video, { ...videoPorts(), videoDecoder: both.decoder }));
    assert.equal(both.runs(), 1);
    assert.deepEqual(together.signals.map((s) => s.type), ['vpdq', 'vpdq_multi']);
    for (const type of [vpdqSignal, vpdqMultiSignal]) {
      const own = counted();
      const alone = await hashContent(new SignalRegistry([type]), new ContentSource(video, { ...videoPorts(), videoDecoder: own.decoder }));
      assert.equal(own.runs(), 1);
      const shared = together.signals.find((s) => s.type === type.name)!;
      assert.deepEqual([shared.value, shared.alternates], [alone.signals[0]!.value, alone.signals[0]!.alternates], type.name);
    }
  });

  test('a request made after the decode started gets a decode of its own, and a bad file fails every signal with its code', async () => {
    const both = counted();
    const content = new ContentSource(video, { ...videoPorts(), videoDecoder: both.decoder });
    const first = await vpdqSignal.hash!(content, {});
    const second = await vpdqMultiSignal.hash!(content, {});
    assert.equal(both.runs(), 2);
    assert.ok('value' in first && 'value' in second);

    const broken = counted();
    const truncated = new ContentSource(video.subarray(0, 2000), { ...videoPorts(), videoDecoder: broken.decoder });
    await assert.rejects(hashContent(new SignalRegistry([vpdqSignal, vpdqMultiSignal]), truncated), (err: { code?: string }) => err.code === 'MEDIA_CORRUPT');
    assert.equal(broken.runs(), 1);
  });
});
