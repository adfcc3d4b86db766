import { ConcordError } from '../../errors/concord-error.js';
import type { ContentSource } from '../content-source.js';
import { normaliseText } from './text-normalise.js';

/**
 * The content's normalised text (a PDF's text layer), computed once and shared by every text signal.
 * Throws TEXT_EMPTY when nothing is left after normalisation (only spaces,
 * punctuation or invisible characters).
 */
export async function normalisedTextOf(content: ContentSource): Promise<string> {
  const text = await content.memo('text:normalised:v1', async () => normaliseText(await content.documentText()));
  if (text === '') throw new ConcordError('TEXT_EMPTY', 'the text is empty after normalisation (only spaces, punctuation or invisible characters)');
  return text;
}

