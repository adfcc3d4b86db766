/**
 * Whether both databases store a string exactly as given. PostgreSQL refuses U+0000 in
 * text (a driver error, so a 500), while SQLite stores it; a lone UTF-16 surrogate has no
 * UTF-8 form, so either driver silently swaps it for U+FFFD. Checking at validation gives
 * one answer on both dialects, before anything is stored.
 *
 * @example
 *   isStorableText('Gruppe ÄÖ 🙂') // true
 *   isStorableText('a\u0000b')      // false
 *   isStorableText('\ud800')        // false
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The message a field gets when it fails {@link isStorableText}. */
export const STORABLE_TEXT_MESSAGE = 'must be valid text: no NUL character (U+0000) and no unpaired UTF-16 surrogate';
