/**
 * Step 4 of text normalisation: the characters evaders swap for look-alikes, each
 * folded to one representative. Applied after NFKC and case folding, so keys are
 * lowercase and compatibility forms (full-width, mathematical letters) are already gone.
 *
 * The Latin/Cyrillic/Greek part follows the idea of Unicode TR39's skeleton
 * (confusables.txt, "MA" mappings to Latin), restricted to letters that look like a
 * basic Latin letter in upper or lower case. Where the two cases disagree we follow
 * the lowercase look-alike (η → n, ν → v, as confusables.txt does). Two deliberate
 * departures from TR39: digits are never folded to letters (0/O, 1/l) because numbers
 * carry meaning in claims, and Turkish dotless ı stays distinct from i.
 * Folding both sides the same way can only merge, never split, so a side effect such
 * as Kazakh н and һ both becoming h costs a little precision and no recall.
 *
 * The Arabic-script part folds letter variants that differ between Arabic, Persian
 * and Urdu keyboards, and Arabic-Indic and Persian digits to ASCII. Uyghur letters
 * (ې ۆ ۇ ۈ ڭ ھ ئ) are left alone; only ى/ي (Uyghur i and y) and ە merge, as above.
 */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', г: 'r', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p',
  с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'ï', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  ӏ: 'l', ә: 'ə',
  // Greek (ς is already σ after case folding)
  α: 'a', β: 'b', γ: 'y', ε: 'e', ζ: 'z', η: 'n', ι: 'i', κ: 'k', μ: 'm', ν: 'v', ο: 'o', ρ: 'p',
  τ: 't', υ: 'u', χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j',
  // Latin small capitals and letter variants NFKC leaves alone
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  ɑ: 'a', ɡ: 'g', ɩ: 'i', ɾ: 'r',
};

const ARABIC_SCRIPT_VARIANTS: Readonly<Record<string, string>> = {
  // Yeh: Persian/Urdu yeh and alef maksura → Arabic yeh
  ی: 'ي', ى: 'ي',
  // Kaf: keheh (Persian/Urdu) → Arabic kaf
  ک: 'ك',
  // Heh: ae, heh with yeh above, Urdu heh goal, teh marbuta (both forms) → heh
  ە: 'ه', ۀ: 'ه', ہ: 'ه', ة: 'ه', ۃ: 'ه',
  // Alef with hamza above/below, madda, wasla → bare alef
  أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا',
};

function digits(zero: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let d = 0; d < 10; d++) out[String.fromCodePoint(zero + d)] = String(d);
  return out;
}

/** Every folding, as one lookup: character → representative. */
export const CONFUSABLE_FOLDS: Readonly<Record<string, string>> = Object.freeze({
  ...LATIN_LOOKALIKES,
  ...ARABIC_SCRIPT_VARIANTS,
  ...digits(0x0660), // Arabic-Indic digits
  ...digits(0x06f0), // Extended Arabic-Indic (Persian, Urdu) digits
});

const FOLDABLE = new RegExp(`[${Object.keys(CONFUSABLE_FOLDS).join('')}]`, 'gu');

/** Replaces each look-alike with its representative; other characters pass through. */
export function foldConfusables(text: string): string {
  return text.replace(FOLDABLE, (c) => CONFUSABLE_FOLDS[c]!);
}
