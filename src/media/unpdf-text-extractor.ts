import { ConcordError } from '../errors/concord-error.js';
import type { PdfTextExtractor } from './pdf-text-extractor.js';

/** Pages past this are not read: a bound on the work a hostile PDF can cause. */
export const MAX_PDF_PAGES = 2000;

type Unpdf = typeof import('unpdf');
let unpdf: Promise<Unpdf> | undefined;

/**
 * PDF text through `unpdf` (Mozilla's pdf.js, packaged for Node without a worker or
 * canvas). Loaded on first use: pdf.js is a few MB of JavaScript that a run hashing
 * only images or audio should not parse.
 *
 * @example
 *   const ports = { …, pdfText: new UnpdfTextExtractor() };
 */
export class UnpdfTextExtractor implements PdfTextExtractor {
  async extractText(bytes: Uint8Array): Promise<string> {
    const { extractText, getDocumentProxy } = await (unpdf ??= import('unpdf'));
    let pages: string[];
    try {
      // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
      // verbosity 0: its warnings about repaired files would otherwise go to stderr.
      const doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
      try {
        if (doc.numPages > MAX_PDF_PAGES) {
          throw new ConcordError('MEDIA_TOO_LONG', `the PDF has ${doc.numPages} pages, over the limit of ${MAX_PDF_PAGES}`);
        }
        pages = (await extractText(doc, { mergePages: false })).text;
      } finally {
        await doc.destroy();
      }
    } catch (err) {
      throw asPdfError(err);
    }
    const text = pages.join('\n');
    if (text.trim() === '') throw new ConcordError('PDF_NO_TEXT', 'the PDF has no text layer (scanned pages or images only): nothing for the text signals to hash');
    return text;
  }
}

/** pdf.js names its exceptions; anything it could not parse is corrupt. */
function asPdfError(err: unknown): ConcordError {
  if (err instanceof ConcordError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') return new ConcordError('PDF_ENCRYPTED', 'the PDF is encrypted with a password: its text cannot be read');
  return new ConcordError('MEDIA_CORRUPT', `the PDF could not be read: ${message}`);
}
