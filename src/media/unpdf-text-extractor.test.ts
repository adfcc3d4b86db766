import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConcordError } from '../errors/concord-error.js';
import { fixturePath } from '../testing/repo-root.js';
import { tinyPdf } from '../testing/tiny-pdf.js';
import { UnpdfTextExtractor } from './unpdf-text-extractor.js';

const extractor = new UnpdfTextExtractor();
const code = (c: string) => (err: unknown) => err instanceof ConcordError && err.code === c;

test('reads the text of every page, pages on lines of their own', async () => {
  const text = await extractor.extractText(tinyPdf(['Call to (arms) at dawn\nbring the flags', 'Second page']));
  assert.equal(text, 'Call to (arms) at dawn\nbring the flags\nSecond page');
});

test('leaves the caller\'s bytes intact (pdf.js detaches the buffer it is given)', async () => {
  const bytes = tinyPdf(['kept']);
  const copy = Buffer.from(bytes);
  await extractor.extractText(bytes);
  assert.deepEqual(bytes, copy);
});

test('a password-protected PDF is PDF_ENCRYPTED', async () => {
  await assert.rejects(extractor.extractText(readFileSync(fixturePath('pdf', 'encrypted.pdf'))), code('PDF_ENCRYPTED'));
});

test('a PDF with images and no text layer is PDF_NO_TEXT', async () => {
  await assert.rejects(extractor.extractText(tinyPdf(['', ''])), code('PDF_NO_TEXT'));
});

test('truncated or garbage PDFs are MEDIA_CORRUPT', async () => {
  const whole = tinyPdf(['some text']);
  await assert.rejects(extractor.extractText(whole.subarray(0, 60)), code('MEDIA_CORRUPT'));
  await assert.rejects(extractor.extractText(Buffer.from('%PDF-1.7\nnot a pdf at all')), code('MEDIA_CORRUPT'));
});
