import { parentPort } from 'node:worker_threads';
import { ConcordError } from '../errors/concord-error.js';
import { UnpdfTextExtractor } from './unpdf-text-extractor.js';

/**
 * The thread that runs pdf.js for IsolatedPdfTextExtractor: one request at a time,
 * `{ id, bytes }` in, `{ id, text }` or `{ id, error: { code, message } }` out.
 */
const extractor = new UnpdfTextExtractor();
parentPort!.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, text: await extractor.extractText(bytes) });
  } catch (err) {
    const coded = err instanceof ConcordError ? err : new ConcordError('MEDIA_CORRUPT', `the PDF could not be read: ${(err as Error).message}`);
    parentPort!.postMessage({ id, error: { code: coded.code, message: coded.message } });
  }
});
