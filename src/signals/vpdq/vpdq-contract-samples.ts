import { flipRandomBits, XorShift128 } from '../../index/hash256-random.js';
import { HASH256_WORDS, hexToWords, wordsToHex } from '../../index/hash256.js';
import type { ContractSamples } from '../signal-type-contract.case.js';
import type { VpdqFrame } from './vpdq-frame.js';
import { encodeVpdq } from './vpdq-value.js';

/**
 * A corpus for the shared signal-type contract (signal-type-contract.case.ts): seeded
 * random "videos" of 4–14 frames, each with relatives at every range of distance — a
 * re-encode (every frame a few bits off: distance 1), a clip (its first half: 1), a
 * half-replaced copy (≈ 50), an unrelated video (100) — plus a video with no frame of
 * matchable quality, twice (distance 0 only to itself).
 */
export function vpdqSamples(): ContractSamples {
  const rng = new XorShift128(0x7d9d);
  const values: string[] = [];
  for (let v = 0; v < 10; v++) {
    const base = randomFrames(rng, 4 + rng.below(11));
    const reencoded = base.map((f) => ({ ...f, pdq: nearPdq(f.pdq, 1 + rng.below(24), rng) }));
    const clip = reencoded.slice(0, Math.ceil(base.length / 2)).map((f, i) => ({ ...f, index: i * 30, timestamp: i }));
    const halfReplaced = base.map((f, i) => (i % 2 === 0 ? f : { ...f, pdq: randomPdq(rng) }));
    values.push(...[base, reencoded, clip, halfReplaced].map(encodeVpdq));
  }
  const flat = encodeVpdq(randomFrames(rng, 3).map((f) => ({ ...f, quality: 12 })));
  values.push(flat, flat, encodeVpdq(randomFrames(rng, 6)));
  const one = encodeVpdq(randomFrames(rng, 1));
  const pdq = one.slice(3, 67);
  return {
    values,
    invalid: [
      '',
      'v1.',
      pdq,
      `v2.${one.slice(3)}`,
      one.slice(0, -1),
      `${one.slice(0, -2)}zz`,
      `v1.${pdq}65${'0'.repeat(16)}`,
      one + one.slice(3),
      `0,100,${pdq},0.000\n0,100,${pdq},0.033`,
      `0,100,${pdq}`,
      '[]',
      `["${pdq},100"]`,
      '{"frames":[]}',
    ],
  };
}

const randomPdq = (rng: XorShift128): string => wordsToHex(Uint32Array.from({ length: HASH256_WORDS }, () => rng.next()));

function nearPdq(pdq: string, bits: number, rng: XorShift128): string {
  const words = new Uint32Array(HASH256_WORDS);
  hexToWords(pdq, words, 0);
  flipRandomBits(rng, words, 0, bits);
  return wordsToHex(words);
}

function randomFrames(rng: XorShift128, count: number): VpdqFrame[] {
  return Array.from({ length: count }, (_, i) => ({ index: i * 30, quality: rng.below(8) === 0 ? 30 : 90 + rng.below(11), pdq: randomPdq(rng), timestamp: i }));
}
