import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { repoRoot } from '../testing/repo-root.js';
import { badInputFolder, jsonLines, runCli } from './cli-fixtures.test-helper.js';

const sample = (name: string) => join(repoRoot(), 'samples', 'images', name);
const ORIGINAL = sample('bridge-original.jpg');

test('hash --json prints pdq with quality, md5 and sha256 for an image', async () => {
  const { code, out } = await runCli('hash', '--json', ORIGINAL);
  assert.equal(code, 0);
  const [line] = jsonLines(out);
  assert.equal(line.path, ORIGINAL);
  assert.equal(line.contentType, 'photo');
  assert.deepEqual(line.signals.map((s: any) => s.type), ['pdq', 'pdq_multi', 'md5', 'sha256']);
  const [pdq, multi, md5] = line.signals;
  assert.match(multi.value, /^f:[0-9a-f]{64}(\.[a-z0-9]+:[0-9a-f]{64})*$/);
  assert.match(pdq.value, /^[0-9a-f]{64}$/);
  assert.equal(pdq.quality, 100);
  assert.equal(pdq.dihedral, undefined);
  assert.equal(md5.value, 'd35c785545392755e7e4164457657269');
});

test('hash --dihedral adds the seven named variants', async () => {
  const { out } = await runCli('hash', '--json', '--dihedral', ORIGINAL);
  const pdq = jsonLines(out)[0].signals[0];
  assert.deepEqual(Object.keys(pdq.dihedral), ['rot90', 'rot180', 'rot270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1']);
  for (const v of Object.values(pdq.dihedral)) assert.match(v as string, /^[0-9a-f]{64}$/);
});

test('bad files each get a coded error, the batch goes on, and the exit code is non-zero', async () => {
  const dir = await badInputFolder(readFileSync(ORIGINAL));
  const { code, out, err } = await runCli('hash', '--json', dir, join(dir, 'missing.jpg'));
  assert.equal(code, 1);
  assert.deepEqual(err, []);
  const byName = Object.fromEntries(jsonLines(out).map((l) => [l.path.split('/').pop(), l]));
  assert.equal(byName['a-good.jpg'].signals.length, 4);
  const codes = Object.fromEntries(Object.entries(byName).map(([k, v]: [string, any]) => [k, v.error?.code]));
  assert.deepEqual(codes, {
    'a-good.jpg': undefined,
    'b-empty.jpg': 'MEDIA_EMPTY',
    'c-truncated.jpg': 'MEDIA_CORRUPT',
    'd-notes.txt': undefined,
    'e-bomb.png': 'MEDIA_TOO_MANY_PIXELS',
    'f-tiny.png': 'MEDIA_TOO_SMALL',
    'g-image.bmp': 'MEDIA_UNSUPPORTED',
    'missing.jpg': 'FILE_NOT_FOUND',
  });
  for (const line of Object.values(byName) as any[]) if (line.error) assert.doesNotMatch(line.error.message, /\n|    at /);
  // A text file is text, detected from its bytes.
  assert.equal(byName['d-notes.txt'].contentType, 'text');
  assert.deepEqual(byName['d-notes.txt'].signals.map((s: any) => s.type), ['text_sha256']);
});

test('a real image over --max-pixels is refused before decoding', async () => {
  const dir = await badInputFolder(readFileSync(ORIGINAL));
  const big = join(dir, 'big.png');
  writeFileSync(big, await sharp({ create: { width: 1200, height: 1000, channels: 3, background: '#336699' } }).png().toBuffer());
  const { code, out } = await runCli('hash', '--json', '--max-pixels', '1000000', big);
  assert.equal(code, 1);
  assert.equal(jsonLines(out)[0].error.code, 'MEDIA_TOO_MANY_PIXELS');
  assert.match(jsonLines(out)[0].error.message, /1200×1000/);
});

test('a flat image is reported with its low quality and flagged as not matchable', async () => {
  const dir = await badInputFolder(readFileSync(ORIGINAL));
  const flat = join(dir, 'flat.png');
  writeFileSync(flat, await sharp({ create: { width: 100, height: 100, channels: 3, background: '#777777' } }).png().toBuffer());
  const pdq = jsonLines((await runCli('hash', '--json', flat)).out)[0].signals[0];
  assert.equal(pdq.quality, 0);
  assert.equal(pdq.matchable, false);
});

test('without --json prints a readable table and a summary', async () => {
  const { code, out } = await runCli('hash', ORIGINAL);
  assert.equal(code, 0);
  const text = out.join('\n');
  assert.match(text, /^path +type +value +quality/m);
  assert.match(text, /pdq +[0-9a-f]{64} +100/);
  assert.match(text, /1 hashed, 0 failed/);
});

test('the installed bin runs as a real process', () => {
  const res = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), 'hash', '--json', ORIGINAL], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).signals.find((s: { type: string }) => s.type === 'md5').value, 'd35c785545392755e7e4164457657269');
  const bad = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), 'hash', '--bogus'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
