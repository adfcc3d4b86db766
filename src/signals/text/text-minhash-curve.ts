import { editText, FIXTURE_LANGUAGES, fixtureTexts, seededRandom, syntheticText, vocabulary, type EditKind } from './text-corpus.js';
import { MINHASH_SIZE, minhashSignature, minimaDistance } from './text-minhash.js';
import { normaliseText } from './text-normalise.js';

/**
 * The measurement behind text_minhash's threshold: distances of near-duplicate pairs
 * (a text and an edited copy) and of unrelated pairs (different texts of the same
 * topic and language), and the precision/recall curve over thresholds.
 */
export interface LabelledPair {
  /** `small` edits must match; `large` ones are reported but not counted; the rest are negatives. */
  readonly group: 'small' | 'large' | 'same-topic' | 'same-vocabulary' | 'other-language';
  readonly kind: string;
  readonly language: string;
  readonly distance: number;
}

/** The edits a threshold must survive ("small"), and heavier ones reported for context ("large"). */
export const EDITS: readonly { kind: EditKind; rate: number; group: 'small' | 'large' }[] = [
  { kind: 'evasion', rate: 0.05, group: 'small' },
  { kind: 'substitute', rate: 0.02, group: 'small' },
  { kind: 'substitute', rate: 0.05, group: 'small' },
  { kind: 'substitute', rate: 0.1, group: 'small' },
  { kind: 'insert', rate: 0.05, group: 'small' },
  { kind: 'insert', rate: 0.1, group: 'small' },
  { kind: 'delete', rate: 0.05, group: 'small' },
  { kind: 'delete', rate: 0.1, group: 'small' },
  { kind: 'swap-sentences', rate: 0.3, group: 'small' },
  { kind: 'header-footer', rate: 0.1, group: 'small' },
  { kind: 'header-footer', rate: 0.3, group: 'small' },
  { kind: 'truncate', rate: 0.1, group: 'small' },
  { kind: 'truncate', rate: 0.2, group: 'small' },
  { kind: 'substitute', rate: 0.2, group: 'large' },
  { kind: 'substitute', rate: 0.3, group: 'large' },
  { kind: 'truncate', rate: 0.4, group: 'large' },
  { kind: 'header-footer', rate: 1, group: 'large' },
];

export interface PairOptions {
  readonly seed?: number;
  /** Synthetic texts per language besides the three hand-written ones. */
  readonly syntheticPerLanguage?: number;
  readonly syntheticChars?: number;
  /** Edited copies per base text and edit. */
  readonly repeats?: number;
  /** Shingle length to measure (m1 is 5). */
  readonly shingleLength?: number;
}

/** Every labelled pair of the corpus, with its distance. Deterministic for a seed. */
export function measurePairs(options: PairOptions = {}): LabelledPair[] {
  const rng = seededRandom(options.seed ?? 1);
  const signature = (text: string): Uint32Array => minhashSignature(normaliseText(text), options.shingleLength);
  const pairs: LabelledPair[] = [];
  const firstOfEach: Uint32Array[] = [];
  for (const language of FIXTURE_LANGUAGES) {
    const vocab = vocabulary(language);
    const real = fixtureTexts(language);
    const synthetic = Array.from({ length: options.syntheticPerLanguage ?? 3 }, () => syntheticText(language, options.syntheticChars ?? 5000, rng));
    const bases = [...real, ...synthetic];
    const sigs = bases.map(signature);
    firstOfEach.push(sigs[0]!);
    bases.forEach((base, b) => {
      for (const edit of EDITS) {
        for (let r = 0; r < (options.repeats ?? 3); r++) {
          const distance = minimaDistance(sigs[b]!, signature(editText(base, edit.kind, edit.rate, vocab, rng)));
          pairs.push({ group: edit.group, kind: `${edit.kind} ${edit.rate * 100}%`, language, distance });
        }
      }
    });
    for (let i = 0; i < bases.length; i++) {
      for (let j = i + 1; j < bases.length; j++) {
        const group = i < real.length && j < real.length ? 'same-topic' : 'same-vocabulary';
        pairs.push({ group, kind: group, language, distance: minimaDistance(sigs[i]!, sigs[j]!) });
      }
    }
  }
  // zh-hant is zh-hans in other characters: measured as its own pair, not as "other language".
  for (let i = 0; i < firstOfEach.length; i++) {
    for (let j = i + 1; j < firstOfEach.length; j++) {
      pairs.push({ group: 'other-language', kind: `${FIXTURE_LANGUAGES[i]}~${FIXTURE_LANGUAGES[j]}`, language: '*', distance: minimaDistance(firstOfEach[i]!, firstOfEach[j]!) });
    }
  }
  return pairs;
}

export interface CurvePoint {
  readonly threshold: number;
  /** Estimated Jaccard similarity at this distance: 1 − threshold / 128. */
  readonly jaccard: number;
  /** Share of small-edit pairs within the threshold. */
  readonly recall: number;
  /** Share of large-edit pairs within the threshold (context only). */
  readonly recallLarge: number;
  /** Unrelated pairs within the threshold, by group. */
  readonly falsePositives: { readonly sameTopic: number; readonly sameVocabulary: number; readonly otherLanguage: number };
  /** Small-edit matches over all matches among small-edit and unrelated pairs. */
  readonly precision: number;
}

export function precisionRecallCurve(pairs: readonly LabelledPair[], thresholds: readonly number[]): CurvePoint[] {
  const count = (group: LabelledPair['group'], t: number) => pairs.filter((p) => p.group === group && p.distance <= t).length;
  const total = (group: LabelledPair['group']) => pairs.filter((p) => p.group === group).length;
  return thresholds.map((threshold) => {
    const tp = count('small', threshold);
    const falsePositives = { sameTopic: count('same-topic', threshold), sameVocabulary: count('same-vocabulary', threshold), otherLanguage: count('other-language', threshold) };
    const fp = falsePositives.sameTopic + falsePositives.sameVocabulary + falsePositives.otherLanguage;
    return {
      threshold,
      jaccard: Math.round((1 - threshold / MINHASH_SIZE) * 1000) / 1000,
      recall: tp / total('small'),
      recallLarge: count('large', threshold) / total('large'),
      falsePositives,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    };
  });
}

/** Smallest distance among unrelated pairs: a threshold must stay below it. */
export function nearestUnrelated(pairs: readonly LabelledPair[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of pairs) if (p.group !== 'small' && p.group !== 'large') out[p.group] = Math.min(out[p.group] ?? MINHASH_SIZE, p.distance);
  return out;
}
