import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamFrames } from './ffmpeg-frame-stream.js';

// `cat` stands in for ffmpeg: whatever goes in comes out, so the framing is what is tested.
const CAT = '/bin/cat';
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

test('cuts stdout into frames of exactly frameBytes, reusing one buffer, and drops a partial last frame', async () => {
  const seen: number[][] = [];
  const buffers = new Set<Uint8Array>();
  const input = bytes(3 * 100_000 + 7);
  const r = await streamFrames(CAT, {
    args: [],
    stdin: input,
    frameBytes: 100_000,
    timeoutMs: 10_000,
    onFrame: (frame, n) => {
      buffers.add(frame);
      seen.push([n, frame[0]!, frame[99_999]!]);
    },
  });
  assert.equal(r.kind, 'exited');
  if (r.kind !== 'exited') return;
  assert.equal(r.exitCode, 0);
  assert.equal(r.frames, 3);
  assert.equal(r.partialBytes, 7);
  assert.equal(buffers.size, 1);
  assert.deepEqual(seen, [0, 1, 2].map((n) => [n, input[n * 100_000]!, input[n * 100_000 + 99_999]!]));
});

test('stop ends the run as stopped, a throw as failed, and a missing command as spawn-failed', async () => {
  const input = bytes(50_000);
  const stopped = await streamFrames(CAT, { args: [], stdin: input, frameBytes: 1000, timeoutMs: 10_000, onFrame: (_f, n, stop) => n === 2 && stop('enough') });
  assert.equal(stopped.kind, 'stopped');
  if (stopped.kind === 'stopped') assert.deepEqual([stopped.reason, stopped.frames], ['enough', 3]);

  const boom = new Error('boom');
  const failed = await streamFrames(CAT, { args: [], stdin: input, frameBytes: 1000, timeoutMs: 10_000, onFrame: () => { throw boom; } });
  assert.equal(failed.kind, 'failed');
  if (failed.kind === 'failed') assert.equal(failed.error, boom);

  const missing = await streamFrames('/nonexistent/ffmpeg', { args: [], stdin: input, frameBytes: 1000, timeoutMs: 10_000, onFrame: () => {} });
  assert.equal(missing.kind, 'spawn-failed');
});

test('a timeout kills the child', async () => {
  const r = await streamFrames('/bin/sleep', { args: ['5'], stdin: new Uint8Array(0), frameBytes: 10, timeoutMs: 50, onFrame: () => {} });
  assert.equal(r.kind, 'timeout');
});
