/**
 * The port through which text signals read a PDF's text. Implementations throw
 * ConcordError with PDF_ENCRYPTED (a password is needed to open it), PDF_NO_TEXT (no
 * text layer: a scan or images only) or MEDIA_CORRUPT (not a readable PDF).
 *
 * @example
 *   const text = await extractor.extractText(bytes);   // 'First page…\nSecond page…'
 */
export interface PdfTextExtractor {
  /** The text of every page in reading order, pages separated by a line break. */
  extractText(bytes: Uint8Array): Promise<string>;
}
