import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { caseFold, collapseSeparators, normaliseText, removeInvisibles } from './text-normalise.js';
import { foldConfusables } from './text-confusables.js';

/** [what it shows, input, normalised] — one table per script. */
type Row = readonly [string, string, string];

const TABLES: Record<string, readonly Row[]> = {
  arabic: [
    ['harakat and tanween are removed', 'كِتَابٌ جَدِيدٌ', 'كتاب جديد'],
    ['tatweel (kashida) is removed', 'جـــديـد', 'جديد'],
    ['superscript alef and Quranic marks are removed', 'هٰذَا ٱلْكِتَٰبُ ۖ', 'هذا الكتب'],
    ['alef forms fold to bare alef', 'أحمد إبراهيم آمنة ٱلله', 'احمد ابراهيم امنه الله'],
    ['teh marbuta folds to heh', 'مدرسة', 'مدرسه'],
    ['alef maksura folds to yeh', 'على مستشفى', 'علي مستشفي'],
    ['Arabic-Indic digits become ASCII', 'عام ١٤٤٥ هـ', 'عام 1445 ه'],
    ['presentation forms and ligatures unfold (NFKC)', 'ﻻ ﺑﺴﻢ', 'لا بسم'],
    ['Arabic punctuation collapses', 'قال: «نعم»، ثم؟ ذهب؛', 'قال نعم ثم ذهب'],
    ['the Arabic letter mark and zero-width joiner vanish', 'سل\u061Cام\u200Dعليكم', 'سلامعليكم'],
  ],
  persian: [
    ['Persian yeh and keheh fold to Arabic yeh and kaf', 'یک کتاب', 'يك كتاب'],
    ['heh with yeh above folds to heh', 'خانۀ ما', 'خانه ما'],
    ['Persian digits become ASCII', 'سال ۱۴۰۲', 'سال 1402'],
    ['zero-width non-joiner is removed', 'می\u200Cخواهم', 'ميخواهم'],
    ['Arabic and Persian spellings of one word meet', 'كتابي', 'کتابی'],
  ],
  urdu: [['keheh and heh goal fold; yeh barree (ے) is its own letter', 'پاکستان ہے', 'پاكستان هے']],
  uyghur: [
    ['Uyghur text meets itself written with harakat and tatweel', 'ئۇيغـۇر تِىلى', 'ئۇيغۇر تىلى'],
    ['decomposed hamza recomposes under NFKC', 'ي\u0654ول', 'ئول'],
    ['Uyghur ە and Arabic ه meet (a documented merge)', 'كېڭەش', 'كېڭهش'],
  ],
  russian: [
    ['uppercase folds', 'МОСКВА Москва', 'mockba mockba'],
    ['ё is е', 'Ёлка ёлка елка', 'eлka eлka eлka'],
    ['stress marks are removed', 'молоко́ за́мок', 'moлoko зamok'],
    ['Latin lookalikes in Russian meet Cyrillic ones', 'Привет', 'Пpивет'],
    ['й keeps its breve (a letter, not a mark)', 'мой', 'moй'],
  ],
  kazakh: [
    ['Kazakh letters stay and case-fold', 'ҚАЗАҚСТАН ӘКІМДІК ҰЛТТЫҚ ҮЙ ӨЗЕН ҒЫЛЫМ ҢҢ', 'қaзaқctah əkimдik ұлttық үй өзeh ғылыm ңң'],
    ['Cyrillic і is Latin i', 'бір', 'бiр'],
    ['shha and en both read h (a documented merge)', 'һ н', 'h h'],
  ],
  chinese: [
    ['simplified stays simplified', '汉字简体', '汉字简体'],
    ['traditional stays traditional', '漢字簡體', '漢字簡體'],
    ['full-width punctuation and digits fold', '第１２条，（注）', '第12条 注'],
    ['ideographic space and punctuation collapse', '一　二。三、四', '一 二 三 四'],
  ],
  latin: [
    ['full-width letters fold (NFKC)', 'ＢＯＭＢ', 'bomb'],
    ['mathematical letters fold (NFKC)', '𝐛𝐨𝐦𝐛 𝓂𝒶𝓀𝑒', 'bomb make'],
    ['Cyrillic homoglyphs fold to Latin', 'bоmb mаking', 'bomb making'],
    ['Greek homoglyphs fold to Latin', 'ΒΟΜΒ', 'bomb'],
    ['small capitals fold', 'ᴘᴀʏ ᴀᴛᴛᴇɴᴛɪᴏɴ', 'pay attention'],
    ['zero-width characters between letters vanish', 'b\u200Bo\u200Cm\u200Db\u2060s\uFEFF', 'bombs'],
    ['bidi overrides and soft hyphens vanish', '\u202Eevil\u202C text\u00ADbook', 'evil textbook'],
    ['tag characters and variation selectors vanish', 'a\uFE0F\u{E0041}b', 'ab'],
    ['uncomposed combining marks ("Zalgo") vanish', 'Z̷a̷l̷g̷o̷', 'zalgo'],
    ['precomposed accents stay', 'café naïve', 'café naïve'],
    ['ß folds to ss', 'STRASSE Straße', 'strasse strasse'],
    ['Turkish dotless ı stays distinct; İ and I become i', 'ıi İI', 'ıi ii'],
    ['digits are not letters', '0O 1l', '0o 1l'],
    ['runs of spaces and punctuation collapse, ends trimmed', '  hello,   world!!! -- ok... ', 'hello world ok'],
    ['line breaks and tabs collapse', 'a\n\n\tb\r\nc', 'a b c'],
  ],
};

for (const [script, rows] of Object.entries(TABLES)) {
  test(`normalisation: ${script} (pairs that must meet)`, () => {
    for (const [what, input, same] of rows) assert.equal(normaliseText(input), normaliseText(same), what);
  });
}

/** Exact outputs, code point by code point, where a silent widening of a fold would hurt. */
test('normalisation: exact outputs', () => {
  const cases: [string, string][] = [
    ['ＢＯＭＢ\u200B  Mаking!!', 'bomb making'],
    ['كِتَابٌ  جَـــدِيدٌ', 'كتاب جديد'],
    ['أحمد إبراهيم آمنة ٱلله ١٢', '\u0627\u062D\u0645\u062F \u0627\u0628\u0631\u0627\u0647\u064A\u0645 \u0627\u0645\u0646\u0647 \u0627\u0644\u0644\u0647 12'],
    ['یک کتاب ۱۴۰۲', '\u064A\u0643 \u0643\u062A\u0627\u0628 1402'],
    ['汉字 漢字', '汉字 漢字'],
    ['İSTANBUL ıstanbul', 'istanbul \u0131stanbul'],
    ['Ёлка', 'e\u043Bka'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseText(input), expected, JSON.stringify(input));
});

test('normalisation: letters of Uyghur and Kazakh that must survive unchanged', () => {
  // Uyghur: u, o, ü, ë, ng, h (heh doachashmee), hamza carrier, w.
  for (const c of ['\u06C7', '\u06C6', '\u06C8', '\u06D0', '\u06AD', '\u06BE', '\u0626', '\u06CB']) assert.equal(normaliseText(c), c);
  // Kazakh: ғ қ ң ө ұ ү, and their capitals fold to them.
  assert.equal(normaliseText('ғқңөұү ҒҚҢӨҰҮ'), 'ғқңөұү ғқңөұү');
  // The only Arabic-script merges: ى → ي and ە → ه (plus the spec's Arabic/Persian/Urdu variants).
  assert.equal(normaliseText('\u0649\u06D5'), '\u064A\u0647');
});

test('normalisation: simplified and traditional Chinese never meet', () => {
  assert.notEqual(normaliseText('连续第三天的暴雨笼罩北部山谷'), normaliseText('連續第三天的暴雨籠罩北部山谷'));
});

test('normalisation: the steps run in the spec order', () => {
  // NFKC first: the full-width Ａ must be plain A before case folding sees it.
  assert.equal(caseFold('Ａ'.normalize('NFKC')), 'a');
  // Invisibles go before collapsing, so a zero-width space does not become a space.
  assert.equal(collapseSeparators(removeInvisibles('to\u200Bgether')), 'together');
  // Case folding before confusables: uppercase Cyrillic Р lowercases to р, then folds to p.
  assert.equal(foldConfusables(caseFold('Р')), 'p');
});

test('normalisation is idempotent (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
      const once = normaliseText(s);
      assert.equal(normaliseText(once), once);
    }),
    { numRuns: 2000 },
  );
});

test('normalisation never leaves separators at the ends or twice in a row (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const out = normaliseText(s);
      assert.equal(out, out.trim());
      assert.ok(!out.includes('  '));
    }),
    { numRuns: 2000 },
  );
});
