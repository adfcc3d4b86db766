import { foldConfusables } from './text-confusables.js';

/**
 * The normalisation every text signal applies first (spec: text-and-url.md), in the
 * spec's order. Part of every text signal's definition: changing it changes every
 * fingerprint, so it is versioned with them (`m1.` in text_minhash).
 *
 * @example
 *   normaliseText('ＢＯＭＢ\u200B  Mаking!!');   // 'bomb making' (full-width, ZWSP, Cyrillic а)
 *   normaliseText('كتابٌ  جـديد');               // 'كتاب جديد' (harakat and tatweel removed)
 */
export function normaliseText(text: string): string {
  return collapseSeparators(foldConfusables(caseFold(removeInvisibles(text.normalize('NFKC')))));
}

/**
 * Step 2: characters that change nothing a reader sees, or that carry no meaning for
 * matching: every format character (\p{Cf}: zero-width space and joiners, bidi
 * controls, soft hyphen, BOM, word joiner, Arabic letter mark, tag characters),
 * variation selectors and the combining grapheme joiner, Hangul fillers, Arabic
 * tatweel, Arabic harakat and Quranic annotation marks, and combining diacritics that
 * NFKC could not compose into a letter (stress marks on Cyrillic, "Zalgo" stacking).
 * Precomposed letters (é, й, ё, ئ, أ) are untouched here.
 */
const INVISIBLE_OR_MEANINGLESS = new RegExp(
  [
    '\\p{Cf}',
    '\\u034F\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}\\u180B-\\u180D', // grapheme joiner, variation selectors
    '\\u115F\\u1160\\u3164\\uFFA0', // Hangul fillers
    '\\u0640', // Arabic tatweel
    '\\u0610-\\u061A\\u064B-\\u065F\\u0670', // Arabic honorific signs, harakat, superscript alef
    '\\u06D6-\\u06DC\\u06DF-\\u06E4\\u06E7\\u06E8\\u06EA-\\u06ED\\u08D3-\\u08E1\\u08E3-\\u08FF', // Quranic marks
    '\\u0300-\\u036F\\u1AB0-\\u1AFF\\u1DC0-\\u1DFF\\u20D0-\\u20FF\\uFE20-\\uFE2F', // uncomposed diacritics
  ]
    .map((range) => `[${range}]`)
    .join('|'),
  'gu',
);

export function removeInvisibles(text: string): string {
  return text.replace(INVISIBLE_OR_MEANINGLESS, '');
}

/**
 * Step 3: locale-independent lowercase plus the full case foldings `toLowerCase` does
 * not do (ß → ss, final ς → σ). Turkish dotless ı stays ı; dotted İ lowercases to
 * i + U+0307, and we drop the dot so İ and I both become i.
 */
export function caseFold(text: string): string {
  return text.toLowerCase().replace(/i\u0307|ß|ς/gu, (c) => (c === 'ß' ? 'ss' : c === 'ς' ? 'σ' : 'i'));
}

/** Step 5: every run of whitespace, punctuation or control characters becomes one space; trimmed. */
export function collapseSeparators(text: string): string {
  return text.replace(/[\p{White_Space}\p{P}\p{Cc}]+/gu, ' ').trim();
}

/** Normalised texts shorter than this (in code points) get the exact signal only. */
export const SHORT_TEXT_CODE_POINTS = 50;

/** Length in code points, which is what shingles and the short-text rule count. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}
