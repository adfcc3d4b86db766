import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConcordError } from '../errors/concord-error.js';
import { fixturePath } from '../testing/repo-root.js';
import { slowPdf } from '../testing/hostile-media.js';
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

describe('a pool of readers with deadlines from arrival', () => {
  let slow: Buffer;
  before(async () => {
    slow = await slowPdf(1_000_000); // ~5 s to read on the development machine: several deadlines on any machine
  });

  test('a slow PDF does not stall a normal PDF sent after it; the slow one is stopped at its deadline', async () => {
    const pool = new IsolatedPdfTextExtractor({ timeoutMs: 1500, maxHeapMb: 512, workers: 2 });
    try {
      await pool.extractText(tinyPdf(['warm'])); // one reader started and idle
      const started = Date.now();
      const hostile = pool.extractText(slow).then(() => 'read', (err: ConcordError) => err.code);
      assert.equal(await pool.extractText(tinyPdf(['after the slow one'])), 'after the slow one');
      assert.ok(Date.now() - started < 1000, `the normal PDF took ${Date.now() - started} ms`);
      assert.equal(await hostile, 'MEDIA_TIMEOUT');
      assert.equal(await pool.extractText(tinyPdf(['a fresh reader'])), 'a fresh reader');
    } finally {
      await pool.close();
    }
  });

  test('the deadline counts from arrival: a PDF waiting behind a stuck reader fails at its own deadline, not a second one later', async () => {
    const pool = new IsolatedPdfTextExtractor({ timeoutMs: 1500, maxHeapMb: 512, workers: 1 });
    try {
      const started = Date.now();
      const hostile = pool.extractText(slow).then(() => 'read', (err: ConcordError) => err.code);
      const waiting = pool.extractText(tinyPdf(['queued behind it'])).then(() => 'read', (err: ConcordError) => err.code);
      assert.deepEqual(await Promise.all([hostile, waiting]), ['MEDIA_TIMEOUT', 'MEDIA_TIMEOUT']);
      // With the deadline counted from the front of the line, the second would have run to ~1.5 s later.
      assert.ok(Date.now() - started < 2500, `both failed after ${Date.now() - started} ms`);
      assert.equal(await pool.extractText(tinyPdf(['next'])), 'next');
    } finally {
      await pool.close();
    }
  });

  test('past the waiting line a PDF is refused at once with BUSY, and the line keeps moving', async () => {
    const pool = new IsolatedPdfTextExtractor({ timeoutMs: 30_000, maxHeapMb: 512, workers: 1, maxQueued: 1 });
    try {
      const first = pool.extractText(tinyPdf(['one']));
      const second = pool.extractText(tinyPdf(['two']));
      await assert.rejects(pool.extractText(tinyPdf(['three'])), (err) => code('BUSY')(err) && /retry/.test((err as Error).message));
      assert.deepEqual(await Promise.all([first, second]), ['one', 'two']);
      assert.equal(await pool.extractText(tinyPdf(['four'])), 'four');
    } finally {
      await pool.close();
    }
  });

  test('a PDF that needs more than the heap limit fails with MEDIA_CORRUPT, and the node and the pool carry on', async () => {
    const pool = new IsolatedPdfTextExtractor({ timeoutMs: 60_000, maxHeapMb: 48, workers: 1 });
    try {
      await assert.rejects(pool.extractText(slow), (err) => code('MEDIA_CORRUPT')(err) && /more than 48 MB/.test((err as Error).message));
      assert.equal(await pool.extractText(tinyPdf(['after the bomb'])), 'after the bomb');
    } finally {
      await pool.close();
    }
  });

  test('closing ends every reader and refuses what waits', async () => {
    const pool = new IsolatedPdfTextExtractor({ timeoutMs: 30_000, maxHeapMb: 512, workers: 1 });
    const reading = pool.extractText(slow).then(() => 'read', (err: ConcordError) => err.code);
    const waiting = pool.extractText(tinyPdf(['never read'])).then(() => 'read', (err: ConcordError) => err.code);
    await pool.close();
    assert.deepEqual(await Promise.all([reading, waiting]), ['BUSY', 'BUSY']);
    await assert.rejects(pool.extractText(tinyPdf(['late'])), code('BUSY'));
  });
});
