import { ConcordError } from '../../errors/concord-error.js';
import { assertIndexId, compareHits } from '../../index/index-ids.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { decodeMinhash, isEncodedMinhash, MINHASH_SIZE, minimaDistance } from './text-minhash.js';

/**
 * LSH banding: the 128 minima split into 64 bands of 2 rows. Two signatures that
 * differ in k minima differ in at most k bands, so when k ≤ 63 at least one band is
 * identical and the pair meets in that band's bucket (pigeonhole). A search up to
 * distance 63 (text_minhash's threshold) is therefore exact, not probabilistic: it
 * returns what a brute-force scan returns. Wider searches fall back to a verified scan.
 * 2 rows is the most a 63 threshold allows (32 × 4 would be exact only to 31, where
 * recall on small edits is 0.865 instead of 0.998; see text-minhash-signal.ts). The
 * price: a same-topic text shares a 2-row band with probability about J² per band, so
 * queries verify more candidates than with 4 rows (bench/bench-text.ts).
 */
export const LSH_BANDS = 64;
export const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;
/** Largest distance for which the band lookup alone is guaranteed to find every match. */
export const LSH_EXACT_UP_TO = LSH_BANDS - 1;

/** A band's bucket key: a 30-bit mix of its two minima, a small integer V8 stores unboxed. */
function bandKey(minima: Uint32Array, band: number): number {
  const a = minima[band * LSH_ROWS]!;
  const b = minima[band * LSH_ROWS + 1]!;
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return (Math.imul(h ^ b, 0xc2b2ae35) >>> 2) & 0x3fffffff;
}

/**
 * The text_minhash index. Buckets hold one id or an array of ids; a key collision
 * between different bands' contents only adds a candidate, which verification drops.
 *
 * @example
 *   const index = new MinhashLshIndex();
 *   index.add(7, 'm1.0a3f…');
 *   index.search('m1.0a3e…', 63);   // [{ id: 7, distance: 12 }]
 */
export class MinhashLshIndex implements SignalIndex {
  private readonly signatures = new Map<number, Uint32Array>();
  private readonly bands: Map<number, number | number[]>[] = Array.from({ length: LSH_BANDS }, () => new Map());

  get size(): number {
    return this.signatures.size;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    const minima = decode(value);
    this.remove(id);
    this.signatures.set(id, minima);
    for (let band = 0; band < LSH_BANDS; band++) {
      const buckets = this.bands[band]!;
      const key = bandKey(minima, band);
      const found = buckets.get(key);
      if (found === undefined) buckets.set(key, id);
      else if (typeof found === 'number') buckets.set(key, [found, id]);
      else found.push(id);
    }
  }

  remove(id: number): boolean {
    const minima = this.signatures.get(id);
    if (!minima) return false;
    this.signatures.delete(id);
    for (let band = 0; band < LSH_BANDS; band++) {
      const buckets = this.bands[band]!;
      const key = bandKey(minima, band);
      const found = buckets.get(key);
      if (found === id) buckets.delete(key);
      else if (Array.isArray(found)) {
        found.splice(found.indexOf(id), 1);
        if (found.length === 1) buckets.set(key, found[0]!);
      }
    }
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    const query = decode(value);
    if (maxDistance < 0) return [];
    const hits: IndexHit[] = [];
    const verify = (id: number, minima: Uint32Array) => {
      const distance = minimaDistance(query, minima, maxDistance);
      if (distance <= maxDistance) hits.push({ id, distance });
    };
    if (maxDistance > LSH_EXACT_UP_TO) {
      for (const [id, minima] of this.signatures) verify(id, minima);
    } else {
      const seen = new Set<number>();
      const visit = (id: number) => {
        if (seen.has(id)) return;
        seen.add(id);
        verify(id, this.signatures.get(id)!);
      };
      for (let band = 0; band < LSH_BANDS; band++) {
        const found = this.bands[band]!.get(bandKey(query, band));
        if (found === undefined) continue;
        if (typeof found === 'number') visit(found);
        else for (const id of found) visit(id);
      }
    }
    return hits.sort(compareHits);
  }

  /** Signature bytes plus an estimate of 64 bucket entries an id (about 40 bytes each in V8's hash maps). */
  memoryBytes(): number {
    return this.signatures.size * (MINHASH_SIZE * 4 + 80 + LSH_BANDS * 40);
  }
}

function decode(value: string): Uint32Array {
  if (!isEncodedMinhash(value)) throw new ConcordError('SIGNAL_VALUE_INVALID', 'not a validated text_minhash value (m1. and 1,024 hex digits)');
  return decodeMinhash(value);
}
