import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonLines, runCli } from '../../cli/cli-fixtures.test-helper.js';
import { fixturePath } from '../../testing/repo-root.js';
import { tinyPdf } from '../../testing/tiny-pdf.js';

const PAGES = [
  'Brothers, the hour has come to rise against the\noppressors of our land. Gather at the old mill',
  'at dawn with whatever you can carry. Those who\nhesitate betray the cause and will be remembered',
];

test('concord hash file.pdf gives the text signals of the same text given with --text, plus md5 and sha256', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pdf = join(dir, 'statement.pdf');
  writeFileSync(pdf, tinyPdf(PAGES));
  const { code, out } = await runCli('hash', '--json', '--text', PAGES.join('\n'), pdf);
  assert.equal(code, 0);
  const [asText, asPdf] = jsonLines(out);
  assert.equal(asPdf.path, pdf);
  assert.equal(asPdf.contentType, 'document');
  const types = asPdf.signals.map((s: { type: string }) => s.type);
  assert.deepEqual([...types].sort(), ['md5', 'sha256', 'text_minhash', 'text_sha256']);
  for (const type of ['text_sha256', 'text_minhash']) {
    const value = (line: { signals: { type: string; value: string }[] }) => line.signals.find((s) => s.type === type)?.value;
    assert.ok(value(asText), `${type} from --text`);
    assert.equal(value(asPdf), value(asText), type);
  }
});

test('encrypted, image-only and corrupt PDFs each get a coded error, and the batch goes on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(fixturePath('pdf', 'encrypted.pdf'), join(dir, 'a-encrypted.pdf'));
  writeFileSync(join(dir, 'b-scan.pdf'), tinyPdf(['']));
  writeFileSync(join(dir, 'c-truncated.pdf'), tinyPdf(PAGES).subarray(0, 80));
  writeFileSync(join(dir, 'd-good.pdf'), tinyPdf(PAGES));
  const { code, out } = await runCli('hash', '--json', dir);
  assert.equal(code, 1);
  const byName = Object.fromEntries(jsonLines(out).map((l) => [l.path.split('/').pop(), l]));
  assert.equal(byName['a-encrypted.pdf'].error.code, 'PDF_ENCRYPTED');
  assert.equal(byName['b-scan.pdf'].error.code, 'PDF_NO_TEXT');
  assert.equal(byName['c-truncated.pdf'].error.code, 'MEDIA_CORRUPT');
  assert.equal(byName['d-good.pdf'].signals.length, 4);
});
