import { ConcordError } from '../errors/concord-error.js';
import { UnpdfTextExtractor } from './unpdf-text-extractor.js';

/**
 * The process that runs pdf.js for IsolatedPdfTextExtractor: one request at a time,
 * `{ id, bytes }` in, `{ id, text }` or `{ id, error: { code, message } }` out.
 */
const extractor = new UnpdfTextExtractor();
const reply = (message: object) => process.send!(message);
process.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    reply({ id, text: await extractor.extractText(bytes) });
  } catch (err) {
    const coded = err instanceof ConcordError ? err : new ConcordError('MEDIA_CORRUPT', `the PDF could not be read: ${(err as Error).message}`);
    reply({ id, error: { code: coded.code, message: coded.message } });
  }
});
