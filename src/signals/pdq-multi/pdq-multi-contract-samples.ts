import { flipHexBits, randomHashHex, XorShift128 } from '../../index/hash256-random.js';
import type { ContractSamples } from '../signal-type-contract.case.js';
import { SLOTS, type Slot } from './pdq-multi-slots.js';
import { formatMultiValue } from './pdq-multi-value.js';

/**
 * A corpus for the shared signal-type contract: seeded random values with random slot
 * sets, each with relatives near it through several slot pairs — the same image a few
 * bits off, its crop (the known image's `c90` is the crop's `f`), its band alone — and
 * pairs that are near only in slots never compared (window against window), which must
 * not match.
 */
export function pdqMultiSamples(): ContractSamples {
  const rng = new XorShift128(0x9d0c);
  const values: string[] = [];
  for (let v = 0; v < 16; v++) {
    const base = new Map<Slot, string>([['f', randomHashHex(rng)]]);
    for (const slot of SLOTS.slice(1)) if (rng.below(3) > 0) base.set(slot, randomHashHex(rng));
    const near = new Map([...base].map(([slot, hash]) => [slot, flipHexBits(rng, hash, 1 + rng.below(20))] as const));
    const crop = new Map<Slot, string>([['f', flipHexBits(rng, base.get('c90') ?? base.get('f')!, 1 + rng.below(25))]]);
    const band = new Map<Slot, string>([['f', randomHashHex(rng)], ...(base.has('b') ? [['b', flipHexBits(rng, base.get('b')!, 3)] as const] : [])]);
    const windowOnly = new Map<Slot, string>([['f', randomHashHex(rng)], ...(base.has('tl') ? [['tl', base.get('tl')!] as const] : [])]);
    values.push(...[base, near, crop, band, windowOnly].map((m) => formatMultiValue(m)));
  }
  const hash = randomHashHex(rng);
  return {
    values,
    invalid: ['', hash, `f:${hash.slice(1)}`, `b:${hash}`, `f:${hash}.f:${hash}`, `f:${hash}.zz:${hash}`, `f:${hash},b:${hash}`, `f:${hash}.`, `f:${hash.slice(0, 63)}g`],
  };
}
