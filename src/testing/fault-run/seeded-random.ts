/**
 * A small seeded pseudo-random generator (mulberry32), so a fault run's schedule of kills
 * and choice of writes can be replayed from the seed it prints.
 *
 * @example
 *   const rnd = new SeededRandom(42);
 *   rnd.int(1, 6);            // the same sequence for seed 42 on every run
 *   rnd.pick(['a', 'b']);
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One key of `weights`, chosen with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) if ((r -= w) < 0) return k;
    return entries[entries.length - 1]![0];
  }

  /** A 64-hex-digit PDQ value. */
  pdq(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) hex += this.int(0, 0xffffffff).toString(16).padStart(8, '0');
    return hex;
  }
}
