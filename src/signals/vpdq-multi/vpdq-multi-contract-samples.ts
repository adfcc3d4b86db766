import { flipRandomBits, XorShift128 } from '../../index/hash256-random.js';
import { HASH256_WORDS, hexToWords, wordsToHex } from '../../index/hash256.js';
import type { ContractSamples } from '../signal-type-contract.case.js';
import { VIDEO_SLOTS } from './vpdq-multi-slots.js';
import { formatMultiFrames, type MultiFrame } from './vpdq-multi-value.js';

/**
 * A corpus for the shared signal-type contract: seeded random "videos" of 4–14 frames a
 * second apart, each with relatives at every range of distance — a re-encode (every slot a
 * few bits off), a crop (its whole frame is the known frame's 80 % window), a clip at 5
 * frames a second of its first half, a half-replaced copy, an unrelated video.
 */
export function vpdqMultiSamples(): ContractSamples {
  const rng = new XorShift128(0x51ab);
  const values: string[] = [];
  for (let v = 0; v < 10; v++) {
    const base = randomVideo(rng, 4 + rng.below(11));
    const reencoded = base.map((f) => ({ ms: f.ms, slots: f.slots.map((s) => ({ slot: s.slot, hash: near(s.hash, 1 + rng.below(24), rng) })) }));
    const cropped = base.flatMap((f) => {
      const c80 = f.slots.find((s) => s.slot === 'c80');
      return c80 ? [{ ms: f.ms, slots: [{ slot: 'f' as const, hash: near(c80.hash, rng.below(20), rng) }] }] : [];
    });
    const half = base.slice(0, Math.ceil(base.length / 2));
    const dense = half.flatMap((f, i) => [0, 200, 400, 600, 800].map((d) => ({ ms: i * 1000 + d, slots: [{ slot: 'f' as const, hash: near(f.slots[0]!.hash, d === 0 ? 3 : 60, rng) }] })));
    const halfReplaced = base.map((f, i) => (i % 2 === 0 ? f : { ms: f.ms, slots: [{ slot: 'f' as const, hash: randomPdq(rng) }] }));
    values.push(...[base, reencoded, halfReplaced].map(formatMultiFrames));
    if (cropped.length) values.push(formatMultiFrames(cropped));
    values.push(formatMultiFrames(dense));
  }
  values.push(formatMultiFrames(randomVideo(rng, 6)));
  const one = formatMultiFrames(randomVideo(rng, 1));
  const frame = one.slice(4);
  const hash = frame.slice(10, 74);
  return {
    values,
    invalid: [
      '',
      'vm1',
      'vm1.',
      hash,
      `vm3.${frame}`,
      // The active region (bit 5) only in a `vm2` value.
      `vm1.0000000021${hash}${hash}`,
      `vm2.0000000040${hash}`,
      one.slice(0, -1),
      `${one.slice(0, -2)}zz`,
      `vm1.0000000000${hash}`,
      `vm1.0000000080${hash}`,
      `vm1.0000000003${hash}`,
      `vm1.0000000001${hash}.0000000001${hash}`,
      `vm1.0000000001${hash},0000000001${hash}`,
    ],
  };
}

const randomPdq = (rng: XorShift128): string => wordsToHex(Uint32Array.from({ length: HASH256_WORDS }, () => rng.next()));

function near(hash: string, bits: number, rng: XorShift128): string {
  const words = new Uint32Array(HASH256_WORDS);
  hexToWords(hash, words, 0);
  flipRandomBits(rng, words, 0, bits);
  return wordsToHex(words);
}

/** Frames a second apart, each with the whole frame and a random choice of the other slots. */
function randomVideo(rng: XorShift128, count: number): MultiFrame[] {
  return Array.from({ length: count }, (_, i) => ({
    ms: i * 1000,
    slots: VIDEO_SLOTS.filter((s) => s === 'f' || s === 'c80' || rng.below(2) === 0).map((slot) => ({ slot, hash: randomPdq(rng) })),
  }));
}
