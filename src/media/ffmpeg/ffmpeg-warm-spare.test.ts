import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { WarmSpare } from './ffmpeg-warm-spare.js';

const node = process.execPath;
const echo = ['-e', 'process.stdin.pipe(process.stdout)'];

async function output(child: ReturnType<WarmSpare['take']>, input: string): Promise<string> {
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdin.end(input);
  await once(child, 'close');
  return Buffer.concat(chunks).toString();
}

test('hands out the prepared child for the same command line, and a fresh one otherwise', async () => {
  const warm = new WarmSpare();
  warm.prepare(node, echo);
  const spare = warm.take(node, echo);
  assert.equal(warm.handedOut, 1);
  assert.equal(await output(spare, 'first'), 'first');
  warm.prepare(node, echo);
  const other = warm.take(node, [...echo, '--', 'x']);
  assert.equal(warm.handedOut, 1, 'other arguments get a new process');
  assert.equal(await output(other, 'second'), 'second');
  warm.close();
});

test('in a batch, each take starts the next spare at once; a lone take does not', async () => {
  const warm = new WarmSpare();
  const first = warm.take(node, echo); // nothing before it: not a batch
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(warm.waiting, false, 'no spare started for a lone file');
  assert.equal(await output(first, 'a'), 'a');
  warm.release(node, echo);
  const second = warm.take(node, echo); // right after a release: a batch, so the next spare starts now
  await new Promise((resolve) => setImmediate(resolve));
  const third = warm.take(node, echo);
  assert.equal(warm.handedOut, 1, 'the third file got the spare started as the second began');
  assert.deepEqual([await output(second, 'b'), await output(third, 'c')], ['b', 'c']);
  warm.close();
});

test('drops a spare that died while waiting', async () => {
  const warm = new WarmSpare();
  const dying = ['-e', 'process.exit(3)'];
  warm.prepare(node, dying);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const child = warm.take(node, dying);
  assert.equal(warm.handedOut, 0);
  const [code] = await once(child, 'exit');
  assert.equal(code, 3);
});

test('a waiting spare does not keep the process alive', () => {
  const module = fileURLToPath(new URL('./ffmpeg-warm-spare.js', import.meta.url));
  const script = `import(${JSON.stringify(module)}).then(({ WarmSpare }) => new WarmSpare().prepare(process.execPath, ['-e', 'process.stdin.resume()']))`;
  const r = spawnSync(node, ['-e', script], { timeout: 10_000 });
  assert.equal(r.status, 0, 'exited by itself');
});
