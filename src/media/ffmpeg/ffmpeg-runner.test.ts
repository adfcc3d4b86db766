import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runProcess } from './ffmpeg-runner.js';

const node = process.execPath;
const script = (code: string) => ['-e', code];

test('collects stdout and a stderr tail when the child exits', async () => {
  const r = await runProcess(node, {
    args: script("process.stdin.pipe(process.stdout); process.stderr.write('x'.repeat(9000) + '\\nlast line\\n')"),
    stdin: Buffer.from('hello'),
    maxStdoutBytes: 1000,
    timeoutMs: 20_000,
    stderrTailBytes: 100,
  });
  assert.equal(r.kind, 'exited');
  if (r.kind !== 'exited') return;
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout.toString(), 'hello');
  assert.ok(r.stderrTail.length <= 100 && r.stderrTail.endsWith('last line\n'));
});

test('stops the child once stdout reaches the cap', async () => {
  const r = await runProcess(node, { args: script("setInterval(() => process.stdout.write(Buffer.alloc(65536, 1)), 1)"), maxStdoutBytes: 100_000, timeoutMs: 20_000 });
  assert.equal(r.kind, 'capped');
  if (r.kind === 'capped') assert.equal(r.stdout.length, 100_000);
});

test('kills a child that runs past the timeout', async () => {
  const r = await runProcess(node, { args: script('setInterval(() => {}, 1000)'), maxStdoutBytes: 10, timeoutMs: 200 });
  assert.equal(r.kind, 'timeout');
});

test('a stderr line handler can stop the run', async () => {
  const r = await runProcess(node, {
    args: script("process.stderr.write('Duration: 99\\n'); setInterval(() => {}, 1000)"),
    maxStdoutBytes: 10,
    timeoutMs: 20_000,
    onStderrLine: (line, stop) => line.startsWith('Duration') && stop('too long'),
  });
  assert.deepEqual(r.kind === 'stopped' && r.reason, 'too long');
});

test('survives a child that exits without reading a large stdin (EPIPE)', async () => {
  const r = await runProcess(node, { args: script('process.exit(3)'), stdin: Buffer.alloc(8 << 20), maxStdoutBytes: 10, timeoutMs: 20_000 });
  assert.equal(r.kind, 'exited');
  if (r.kind === 'exited') assert.equal(r.exitCode, 3);
});

test('reports a command that cannot be started', async () => {
  const r = await runProcess('/nonexistent/ffmpeg', { args: [], stdin: Buffer.alloc(10), maxStdoutBytes: 10, timeoutMs: 1000 });
  assert.equal(r.kind, 'spawn-failed');
  if (r.kind === 'spawn-failed') assert.equal(r.error.code, 'ENOENT');
});
