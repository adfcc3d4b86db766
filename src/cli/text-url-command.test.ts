import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonLines, runCli } from './cli-fixtures.test-helper.js';

const tmp = mkdtempSync(join(tmpdir(), 'concord-text-'));
const MANIFESTO =
  'We call on every reader to take up arms against the civilians of the city, as the attacker did on the first day of spring, and to film it.';

test('hash --text gives text_sha256 and text_minhash; a short text gets the exact signal only, and says so', async () => {
  const { code, out } = await runCli('hash', '--json', '--text', MANIFESTO, '--text', 'too short');
  assert.equal(code, 0);
  const [long, short] = jsonLines(out);
  assert.equal(long.contentType, 'text');
  assert.deepEqual(long.signals.map((s: any) => s.type), ['text_sha256', 'text_minhash']);
  assert.match(long.text, /^We call on every reader/);
  assert.deepEqual(short.signals.map((s: any) => s.type), ['text_sha256']);
  assert.equal(short.skipped[0].type, 'text_minhash');
  assert.match(short.skipped[0].skipped, /short text/);
});

test('hash --url canonicalises without fetching; a bad URL is a coded error and the batch goes on', async () => {
  const { code, out } = await runCli('hash', '--json', '--url', 'HTTP://WWW.Example.ORG:80/a/./b/../c/?utm_source=x&b=2&a=1#top', '--url', 'no scheme here');
  assert.equal(code, 1);
  const [good, bad] = jsonLines(out);
  assert.deepEqual(good.signals.map((s: any) => [s.type, s.value]).slice(0, 1), [['url', 'https://example.org/a/c?a=1&b=2']]);
  assert.deepEqual(good.signals.map((s: any) => s.type), ['url', 'url_sha256', 'url_md5', 'domain']);
  assert.equal(bad.url, 'no scheme here');
  assert.equal(bad.error.code, 'URL_INVALID');
});

test('--text-file hashes a file as text, named by its path', async () => {
  const path = join(tmp, 'manifesto.txt');
  writeFileSync(path, MANIFESTO);
  const [line] = jsonLines((await runCli('hash', '--json', '--text-file', path)).out);
  assert.equal(line.path, path);
  assert.equal(line.contentType, 'text');
});

test('match finds an edited text and orders URL hits exact, then prefix, then domain', async () => {
  const known = join(tmp, 'known.csv');
  const minhash = jsonLines((await runCli('hash', '--json', '--text', MANIFESTO)).out)[0].signals[1].value;
  writeFileSync(
    known,
    [
      `text_minhash,${minhash},perpetrator_manifesto`,
      'url,https://files.example.org/drop/*,instruction_for_violence',
      'url,https://files.example.org/drop/manual.pdf,instruction_for_violence',
      'domain,example.org,branded_propaganda_designated_entity',
    ].join('\n'),
  );
  const edited = MANIFESTO.replace('every reader', 'every single reader').replace('spring', 'Spring!!').replace('civilians', 'сivilians'); // Cyrillic с
  const { out } = await runCli('match', '--json', '--against', known, '--text', edited, '--url', 'https://www.files.example.org/drop/manual.pdf?fbclid=1', '--text', 'An unrelated report about flood relief in the region, published by the city council this week.');
  const [text, unrelated, url] = jsonLines(out); // texts come before URLs
  assert.equal(text.matches.length, 1);
  assert.equal(text.matches[0].label, 'perpetrator_manifesto');
  assert.deepEqual(url.matches.map((m: any) => [m.type, m.scope]), [['url', 'exact'], ['url', 'prefix'], ['domain', 'domain']]);
  assert.deepEqual(unrelated.matches, []);
});
