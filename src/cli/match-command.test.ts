import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';

const images = join(repoRoot(), 'samples', 'images');
const tmp = mkdtempSync(join(tmpdir(), 'concord-match-'));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

async function knownListFromOriginal(): Promise<string> {
  const signals = jsonLines((await runCli('hash', '--json', join(images, 'bridge-original.jpg'))).out)[0].signals;
  const of = (type: string) => signals.find((s: { type: string }) => s.type === type).value;
  return write('known.csv', `# demo\npdq,${of('pdq')},perpetrator_content\nmd5,${of('md5')},perpetrator_content\n`);
}

test('matches edited copies of a known image, and not unrelated images', async () => {
  const known = await knownListFromOriginal();
  const { code, out } = await runCli('match', '--json', '--against', known, images);
  assert.equal(code, 0);
  const byName = Object.fromEntries(jsonLines(out).map((l) => [l.query.path.split('/').pop(), l.matches]));
  assert.deepEqual(byName['bridge-original.jpg'].map((m: any) => [m.type, m.distance]), [['pdq', 0], ['md5', 0]]);
  for (const edited of ['bridge-blurred.jpg', 'bridge-shrunk.jpg', 'bridge-high-contrast.jpg']) {
    assert.equal(byName[edited].length, 1, edited);
    assert.equal(byName[edited][0].type, 'pdq');
    assert.equal(byName[edited][0].label, 'perpetrator_content');
    assert.ok(byName[edited][0].distance <= 31);
  }
  assert.deepEqual(byName['bridge-rotated-90.jpg'], []);
  assert.deepEqual(byName['unrelated-street.jpg'], []);
  assert.deepEqual(byName['unrelated-scene.jpg'], []);
});

test('--dihedral matches a rotated copy and names the variant', async () => {
  const known = await knownListFromOriginal();
  const { out } = await runCli('match', '--json', '--dihedral', '--against', known, join(images, 'bridge-rotated-90.jpg'));
  const [line] = jsonLines(out);
  assert.equal(line.matches.length, 1);
  assert.equal(line.matches[0].type, 'pdq');
  assert.ok(line.matches[0].distance <= 31);
  assert.match(line.matches[0].variant, /^(rot90|rot270)$/);
});

test('--signals matches values, reports bad query lines by number, and goes on', async () => {
  const known = await knownListFromOriginal();
  const pdq = jsonLines((await runCli('hash', '--json', join(images, 'bridge-blurred.jpg'))).out)[0].signals[0].value;
  const queries = write('queries.txt', [`pdq,${pdq}`, 'pdq,1234', `{"type":"md5","value":"${'0'.repeat(32)}"}`].join('\n'));
  const { code, out } = await runCli('match', '--json', '--against', known, '--signals', queries);
  assert.equal(code, 1);
  const lines = jsonLines(out);
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0].query, { type: 'pdq', value: pdq });
  assert.equal(lines[0].matches.length, 1);
  assert.deepEqual(lines[1], { query: { line: 2 }, error: { code: 'SIGNAL_VALUE_INVALID', message: lines[1].error.message } });
  assert.deepEqual(lines[2], { query: { type: 'md5', value: '0'.repeat(32) }, matches: [] });
});

test('a bad known-signals list names every bad line and matches nothing', async () => {
  const known = write('bad-known.csv', `pdq,abc\n\nmd5,${'0'.repeat(32)},not_a_label\nsha1,${'0'.repeat(40)}\n`);
  const { code, out, err } = await runCli('match', '--json', '--against', known, images);
  assert.equal(code, 2);
  assert.deepEqual(out, []);
  assert.match(err[0]!, /bad-known\.csv:1: SIGNAL_VALUE_INVALID/);
  assert.match(err[1]!, /bad-known\.csv:3: LABEL_UNKNOWN/);
  assert.match(err[2]!, /bad-known\.csv:4: SIGNAL_TYPE_UNKNOWN/);
});

test('quality under 50 is reported as skipped, not silently dropped', async () => {
  const known = await knownListFromOriginal();
  const sharp = (await import('sharp')).default;
  const flat = join(tmp, 'flat.png');
  writeFileSync(flat, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#101010' } }).png().toBuffer());
  const [line] = jsonLines((await runCli('match', '--json', '--against', known, flat)).out);
  assert.deepEqual(line.matches, []);
  assert.equal(line.skipped[0].type, 'pdq');
  assert.equal(line.skipped[0].quality, 0);
});

test('table output lists each query and its matches', async () => {
  const known = await knownListFromOriginal();
  const { out } = await runCli('match', '--against', known, join(images, 'bridge-blurred.jpg'), join(images, 'unrelated-scene.jpg'));
  const text = out.join('\n');
  assert.match(text, /bridge-blurred\.jpg +pdq near d=\d+ +perpetrator_content/);
  assert.match(text, /unrelated-scene\.jpg +no match/);
});
