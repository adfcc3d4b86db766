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

test('more outputs are read from file descriptors 3, 4, … and cut into their own frame size', async () => {
  // A node child copies its input to stdout, fd 3 and fd 4, as ffmpeg writes `pipe:1`, `pipe:3`, `pipe:4`.
  const input = bytes(6000);
  const seen: number[][] = [[], [], []];
  const r = await streamFrames(process.execPath, {
    args: ['-e', "const fs = require('fs'); const d = fs.readFileSync(0); for (const fd of [1, 3, 4]) fs.writeSync(fd, d);"],
    stdin: input,
    frameBytes: 1000,
    onFrame: (f, n) => seen[0]!.push(n * 1000 + f[0]!),
    more: [
      { frameBytes: 1500, onFrame: (f, n) => seen[1]!.push(n * 1000 + f[0]!) },
      { frameBytes: 4000, onFrame: (f, n) => seen[2]!.push(n * 1000 + f[0]!) },
    ],
    timeoutMs: 10_000,
  });
  assert.equal(r.kind, 'exited');
  if (r.kind !== 'exited') return;
  assert.deepEqual([r.frames, ...r.moreFrames, r.partialBytes], [6, 4, 1, 2000]);
  assert.deepEqual(seen[0], [0, 1, 2, 3, 4, 5].map((n) => n * 1000 + input[n * 1000]!));
  assert.deepEqual(seen[1], [0, 1, 2, 3].map((n) => n * 1000 + input[n * 1500]!));
  assert.deepEqual(seen[2], [input[0]!]);
});
