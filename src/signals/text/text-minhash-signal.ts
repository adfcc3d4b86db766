import { fail, ok, type Result } from '../../errors/result.js';
import type { ContentSource } from '../content-source.js';
import type { HashedSignal, SignalType, SkippedSignal } from '../signal-type.js';
import { normalisedTextOf } from './text-content.js';
import { describeValue as preview } from '../describe-value.js';
import { MinhashLshIndex } from './text-minhash-index.js';
import { decodeMinhash, encodeMinhash, isEncodedMinhash, MINHASH_SIZE, minhashSignature, minimaDistance } from './text-minhash.js';
import { codePointLength, SHORT_TEXT_CODE_POINTS } from './text-normalise.js';

/**
 * The match threshold: at most 63 of 128 minima differ, an estimated Jaccard
 * similarity of the 5-shingle sets of at least 0.51. Measured by bench/bench-text.ts
 * (text-minhash-curve.ts; 8 scripts; 1,872 small-edit pairs, 576 large-edit pairs,
 * 148 unrelated pairs; results in bench/results/text.json):
 *
 *   threshold  Jaccard  recall(small edits)  recall(large edits)  false positives
 *          31    0.758                0.865                0.069                0
 *          41    0.680                0.937                0.224                0
 *          47    0.633                0.961                0.382                0
 *          55    0.570                0.985                0.589                0
 *          63    0.508                0.998                0.731                0
 *          71    0.445                1.000                0.826                0
 *          96    0.250                1.000                0.969    1 (same vocabulary)
 *
 * Small edits: up to 10% of words substituted, inserted or deleted, sentences
 * reordered, a header and footer of up to 30%, up to 20% cut off, evasion characters.
 * Unrelated texts on the same topic are 121 or more apart; the nearest "hard"
 * negative (random texts drawn from one 300-word vocabulary) is 96 apart. 63 is
 * also the widest threshold the 64 × 2 banding answers exactly (text-minhash-index.ts).
 */
export const TEXT_MINHASH_THRESHOLD = 63;

/**
 * `text_minhash`: a MinHash signature (text-minhash.ts has the exact definition) that
 * matches near-duplicates: the same text re-posted with small edits.
 * Texts under 50 normalised characters are skipped: too few shingles to estimate
 * similarity, so they are matched by text_sha256 alone.
 */
export const textMinhashSignal: SignalType = {
  name: 'text_minhash',
  contentTypes: ['text', 'document'],
  threshold: TEXT_MINHASH_THRESHOLD,
  // Beyond this (estimated Jaccard under 0.25) texts merely share vocabulary.
  maxDistance: 96,
  validate(raw: string): Result<string> {
    const value = raw.trim().toLowerCase();
    if (isEncodedMinhash(value)) return ok(value);
    return fail('SIGNAL_VALUE_INVALID', `text_minhash must be "m1." and ${MINHASH_SIZE * 8} hex characters, got ${preview(raw)}`);
  },
  distance: (a, b) => minimaDistance(decodeMinhash(a), decodeMinhash(b)),
  createIndex: () => new MinhashLshIndex(),
  async hash(content: ContentSource): Promise<HashedSignal | SkippedSignal> {
    const text = await normalisedTextOf(content);
    const length = codePointLength(text);
    if (length < SHORT_TEXT_CODE_POINTS) {
      return { type: 'text_minhash', skipped: `short text (${length} characters after normalisation, under ${SHORT_TEXT_CODE_POINTS}): exact signal text_sha256 only` };
    }
    return {
      type: 'text_minhash',
      value: encodeMinhash(minhashSignature(text)),
      matchable: true,
      details: { characters: length },
    };
  },
};
