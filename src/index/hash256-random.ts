import { HASH256_WORDS, hexToWords, wordsToHex } from './hash256.js';

/**
 * Seeded pseudo-random 256-bit hashes for tests and benchmarks (xorshift128, fast and
 * reproducible; not for anything secret).
 *
 * @example
 *   const rng = new XorShift128(42);
 *   const words = randomHashes(rng, 1000);          // 1000 × 8 words
 *   flipRandomBits(rng, words, 8 * 17, 5);          // hash 17 now differs in 5 bits
 */
export class XorShift128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 to spread the seed over the state.
    const next = () => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** A uniform uint32. */
  next(): number {
    const t = this.a ^ (this.a << 11);
    this.a = this.b;
    this.b = this.c;
    this.c = this.d;
    this.d = (this.d ^ (this.d >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return this.d;
  }

  /** A uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    return Math.floor((this.next() / 4294967296) * n);
  }
}

/** `count` uniformly random hashes, 8 words each. */
export function randomHashes(rng: XorShift128, count: number): Uint32Array {
  const words = new Uint32Array(count * HASH256_WORDS);
  for (let i = 0; i < words.length; i++) words[i] = rng.next();
  return words;
}

/** Flips exactly `k` distinct random bits of the hash at `words[offset..offset+8)`. */
export function flipRandomBits(rng: XorShift128, words: Uint32Array, offset: number, k: number): void {
  const flipped = new Uint32Array(HASH256_WORDS);
  for (let done = 0; done < k; ) {
    const bit = rng.below(256);
    const w = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (flipped[w] & mask) continue;
    flipped[w] |= mask;
    words[offset + w] ^= mask;
    done++;
  }
}

/** A random hash as 64 hex digits. */
export function randomHashHex(rng: XorShift128): string {
  return wordsToHex(randomHashes(rng, 1));
}

/** `hex` with exactly `k` (≤ 256) random bits flipped. */
export function flipHexBits(rng: XorShift128, hex: string, k: number): string {
  const w = new Uint32Array(HASH256_WORDS);
  hexToWords(hex, w, 0);
  flipRandomBits(rng, w, 0, Math.min(k, 256));
  return wordsToHex(w);
}
