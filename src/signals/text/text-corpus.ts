import { seededRandom } from '../../util/seeded-random.js';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../testing/repo-root.js';

/**
 * Test and benchmark material for text signals: the hand-written fixture texts
 * (test/fixtures/text/), and deterministic edits that turn a text into the
 * near-duplicates evaders post. Never used at run time by a node.
 */
export const FIXTURE_LANGUAGES = ['en', 'ar', 'fa', 'ru', 'kk', 'ug', 'zh-hans', 'zh-hant'] as const;
export type FixtureLanguage = (typeof FIXTURE_LANGUAGES)[number];

/** The fixture texts of one language: three distinct texts on one topic. */
export function fixtureTexts(language: FixtureLanguage): string[] {
  return readFileSync(fixturePath('text', `${language}.txt`), 'utf8')
    .split(/\n---\n/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export { seededRandom };

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Words for space-separated scripts; for Chinese, two-character chunks (about a word). */
export function tokens(text: string): string[] {
  if (/\s/.test(text)) return text.split(/\s+/).filter(Boolean);
  const chars = [...text];
  return Array.from({ length: Math.ceil(chars.length / 2) }, (_, i) => chars[2 * i]! + (chars[2 * i + 1] ?? ''));
}

function join(text: string, toks: string[]): string {
  return /\s/.test(text) ? toks.join(' ') : toks.join('');
}

/** The edits evaders make, each at a rate (share of tokens touched) where that applies. */
export type EditKind = 'substitute' | 'insert' | 'delete' | 'swap-sentences' | 'header-footer' | 'truncate' | 'evasion';

/**
 * Returns `text` edited: `rate` of its tokens substituted, inserted or deleted (drawn
 * from `vocabulary`), sentences swapped, a channel header and footer added, the end
 * cut off, or pure evasion (homoglyphs, zero-width characters, punctuation and case),
 * which normalisation must undo entirely.
 */
export function editText(text: string, kind: EditKind, rate: number, vocabulary: readonly string[], rng: () => number): string {
  const toks = tokens(text);
  const n = Math.max(1, Math.round(toks.length * rate));
  switch (kind) {
    case 'substitute':
      for (let i = 0; i < n; i++) toks[Math.floor(rng() * toks.length)] = pick(rng, vocabulary);
      return join(text, toks);
    case 'insert':
      for (let i = 0; i < n; i++) toks.splice(Math.floor(rng() * (toks.length + 1)), 0, pick(rng, vocabulary));
      return join(text, toks);
    case 'delete':
      for (let i = 0; i < n && toks.length > 1; i++) toks.splice(Math.floor(rng() * toks.length), 1);
      return join(text, toks);
    case 'swap-sentences': {
      const sentences = text.split(/(?<=[.!?。؟])\s*/u).filter(Boolean);
      for (let i = 0; i < Math.max(1, Math.round(sentences.length * rate)); i++) {
        const a = Math.floor(rng() * sentences.length);
        const b = Math.floor(rng() * sentences.length);
        [sentences[a], sentences[b]] = [sentences[b]!, sentences[a]!];
      }
      return sentences.join(' ');
    }
    case 'header-footer': {
      const chars = Math.round(text.length * rate);
      const header = Array.from({ length: Math.max(1, Math.round(chars / 12)) }, () => pick(rng, vocabulary)).join(' ');
      return `${header.slice(0, chars)}\n\n${text}\n\n@channel_${Math.floor(rng() * 1e6)} t.me/share`;
    }
    case 'truncate':
      return [...text].slice(0, Math.round([...text].length * (1 - rate))).join('');
    case 'evasion':
      return evade(text, rate, rng);
  }
}

const HOMOGLYPHS: Readonly<Record<string, string>> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e'];

/** Changes nothing a reader would notice: look-alike letters, invisibles, punctuation, case, spacing, tatweel. */
function evade(text: string, rate: number, rng: () => number): string {
  let out = '';
  for (const c of text) {
    const r = rng();
    if (r < rate && HOMOGLYPHS[c]) out += HOMOGLYPHS[c];
    else if (r < rate * 2 && /\p{L}/u.test(c)) out += c + pick(rng, INVISIBLES);
    else if (r < rate * 3 && c === ' ') out += pick(rng, ['  ', ' - ', '\n', ' … ', '\u00a0']);
    else if (r < rate * 4 && /[\u0628-\u064a]/u.test(c)) out += `${c}\u0640`;
    else if (r < rate * 5) out += c.toUpperCase();
    else out += c;
  }
  return out;
}

/** All tokens of a language's fixtures, the vocabulary edits draw from. */
export function vocabulary(language: FixtureLanguage): string[] {
  return fixtureTexts(language).flatMap(tokens).map((t) => t.replace(/[\p{P}]/gu, '')).filter(Boolean);
}

/**
 * A synthetic text of about `chars` characters in the fixtures' language: tokens drawn
 * at random from the vocabulary, with sentence breaks. Two such texts are "unrelated
 * texts of the same topic" at their hardest: same words, same frequencies, no shared
 * sentences.
 */
export function syntheticText(language: FixtureLanguage, chars: number, rng: () => number): string {
  const spaced = language !== 'zh-hans' && language !== 'zh-hant';
  const words = vocabulary(language);
  let out = '';
  let sentence = 0;
  while (out.length < chars) {
    out += pick(rng, words);
    if (++sentence > 8 + rng() * 10) {
      out += spaced ? '.' : '。';
      sentence = 0;
    }
    if (spaced) out += ' ';
  }
  return out;
}
