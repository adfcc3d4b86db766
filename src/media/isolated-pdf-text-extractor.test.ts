import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { ConcordError } from '../errors/concord-error.js';
import { fixturePath } from '../testing/repo-root.js';
import { tinyPdf } from '../testing/tiny-pdf.js';
import { IsolatedPdfTextExtractor } from './isolated-pdf-text-extractor.js';

const code = (c: string) => (err: unknown) => err instanceof ConcordError && err.code === c;
const extractor = new IsolatedPdfTextExtractor({ timeoutMs: 60_000, maxHeapMb: 256 });
after(() => extractor.close());

test('reads the same text as pdf.js in this thread, and passes its error codes through', async () => {
  assert.equal(await extractor.extractText(tinyPdf(['first page', 'second page'])), 'first page\nsecond page');
  await assert.rejects(extractor.extractText(readFileSync(fixturePath('pdf', 'encrypted.pdf'))), code('PDF_ENCRYPTED'));
  await assert.rejects(extractor.extractText(tinyPdf(['', ''])), code('PDF_NO_TEXT'));
  await assert.rejects(extractor.extractText(Buffer.from('%PDF-1.7\nnot a pdf at all')), code('MEDIA_CORRUPT'));
});

test('concurrent requests are answered in turn, each with its own text', async () => {
  const texts = await Promise.all(['alpha', 'beta', 'gamma'].map((word) => extractor.extractText(tinyPdf([word]))));
  assert.deepEqual(texts, ['alpha', 'beta', 'gamma']);
});

test('past its deadline a PDF is abandoned with MEDIA_TIMEOUT, and the next one gets a fresh reader', async () => {
  const hasty = new IsolatedPdfTextExtractor({ timeoutMs: 1, maxHeapMb: 256 });
  try {
    await assert.rejects(hasty.extractText(tinyPdf(['too slow for one millisecond'])), code('MEDIA_TIMEOUT'));
  } finally {
    await hasty.close();
  }
  assert.equal(await extractor.extractText(tinyPdf(['still fine'])), 'still fine');
});
