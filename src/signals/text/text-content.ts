import { ConcordError } from '../../errors/concord-error.js';
import type { ContentSource } from '../content-source.js';
import { normaliseText } from './text-normalise.js';

/**
 * The longest text the text signals read, in UTF-16 code units (about 4 MB of plain text,
 * a few long books). Normalising makes a handful of copies of the text, so a 100 MB
 * "text" upload would hold over a gigabyte; past this the signals refuse it instead.
 */
export const MAX_TEXT_CHARACTERS = 4 * 1024 * 1024;

/**
 * The content's normalised text (a PDF's text layer), computed once and shared by every text signal.
 * Throws TEXT_EMPTY when nothing is left after normalisation (only spaces,
 * punctuation or invisible characters), and TEXT_TOO_LONG over MAX_TEXT_CHARACTERS.
 */
export async function normalisedTextOf(content: ContentSource): Promise<string> {
  const text = await content.memo('text:normalised:v1', async () => {
    // UTF-8 takes at most 4 bytes a code unit pair: a file this long cannot be under the limit.
    if (content.sniffed.format !== 'pdf' && content.bytes.length > 4 * MAX_TEXT_CHARACTERS) throw tooLong(content.bytes.length, 'bytes');
    const raw = await content.documentText();
    if (raw.length > MAX_TEXT_CHARACTERS) throw tooLong(raw.length, 'characters');
    return normaliseText(raw);
  });
  if (text === '') throw new ConcordError('TEXT_EMPTY', 'the text is empty after normalisation (only spaces, punctuation or invisible characters)');
  return text;
}


const tooLong = (size: number, unit: string) =>
  new ConcordError('TEXT_TOO_LONG', `the text is ${size} ${unit}; the text signals read at most ${MAX_TEXT_CHARACTERS} characters`);
