import { createHash } from 'node:crypto';
import type { ContractSamples } from '../signal-type-contract.case.js';
import { editText, FIXTURE_LANGUAGES, fixtureTexts, seededRandom, vocabulary, type EditKind } from './text-corpus.js';
import { encodeMinhash, MINHASH_SIZE, minhashSignature } from './text-minhash.js';
import { normaliseText } from './text-normalise.js';

/**
 * Corpora for the shared signal-type contract (signal-type-contract.case.ts), one per
 * text type. Deterministic: the same values on every run.
 */
const SMALL_EDITS: readonly [EditKind, number][] = [
  ['evasion', 0.05],
  ['substitute', 0.05],
  ['insert', 0.05],
  ['delete', 0.05],
  ['header-footer', 0.2],
  ['truncate', 0.1],
];

function editedFixtures(seed: number): string[] {
  const rng = seededRandom(seed);
  const texts: string[] = [];
  for (const language of FIXTURE_LANGUAGES) {
    const vocab = vocabulary(language);
    for (const text of fixtureTexts(language)) {
      texts.push(text);
      const [kind, rate] = SMALL_EDITS[texts.length % SMALL_EDITS.length]!;
      texts.push(editText(text, kind, rate, vocab, rng));
    }
  }
  return texts;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** text_sha256: normalised fixture texts and edited copies (evasion copies collide, as they should). */
export function textSha256Samples(): ContractSamples {
  const values = editedFixtures(11).map((t) => sha256(normaliseText(t)));
  return { values: [...values, ...values.slice(0, 5)], invalid: malformedHex(64) };
}

/**
 * text_minhash: signatures of fixture texts and their near-duplicates; signatures with
 * exactly k minima replaced for k around the threshold (62, 63, 64, 65) and at the
 * band boundary; and random signatures, far from everything.
 */
export function textMinhashSamples(): ContractSamples {
  const rng = seededRandom(12);
  const random32 = () => Math.floor(rng() * 0x100000000) >>> 0;
  const signatures = editedFixtures(13).map((t) => minhashSignature(normaliseText(t)));
  const perturbed: Uint32Array[] = [];
  for (const k of [1, 31, 32, 62, 63, 64, 65, 96]) {
    const base = signatures[perturbed.length * 3]!;
    const copy = Uint32Array.from(base);
    const positions = [...Array(MINHASH_SIZE).keys()];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng() * (MINHASH_SIZE - i));
      [positions[i], positions[j]] = [positions[j]!, positions[i]!];
      copy[positions[i]!] = random32();
    }
    perturbed.push(copy);
  }
  const random = Array.from({ length: 16 }, () => Uint32Array.from({ length: MINHASH_SIZE }, random32));
  const values = [...signatures, ...perturbed, ...random].map(encodeMinhash);
  return {
    values: [...values, values[0]!, values[7]!],
    invalid: [
      '',
      'm1.',
      `m1.${'0'.repeat(1023)}`,
      `m1.${'0'.repeat(1025)}`,
      `m2.${'0'.repeat(1024)}`,
      `m1.${'g'.repeat(1024)}`,
      `m1.${'0'.repeat(500)},${'0'.repeat(523)}`,
      `m1.${'0'.repeat(500)} ${'0'.repeat(523)}`,
      `m1${'0'.repeat(1025)}`,
      '0'.repeat(64),
      Buffer.alloc(512).toString('base64url'),
    ],
  };
}

function malformedHex(length: number): string[] {
  return ['', 'x'.repeat(length), '0'.repeat(length - 1), '0'.repeat(length + 1), `${'0'.repeat(length - 1)}g`, `0,${'0'.repeat(length - 2)}`];
}
