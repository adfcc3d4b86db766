/**
 * Disjoint sets over numeric ids (signals), with union by size and path halving: near-
 * constant time per operation, so clusters are kept up to date as signals arrive. Each set
 * also remembers its smallest member, which names the cluster stably across merges.
 *
 * @example
 *   const uf = new UnionFind(); uf.union(3, 7); uf.find(7) === uf.find(3); // true
 */
export class UnionFind {
  private readonly parent = new Map<number, number>();
  private readonly size = new Map<number, number>();
  private readonly least = new Map<number, number>();

  has(x: number): boolean {
    return this.parent.has(x);
  }

  add(x: number): void {
    if (this.parent.has(x)) return;
    this.parent.set(x, x);
    this.size.set(x, 1);
    this.least.set(x, x);
  }

  find(x: number): number {
    this.add(x);
    let p = this.parent.get(x)!;
    while (p !== x) {
      const grand = this.parent.get(p)!;
      this.parent.set(x, grand);
      x = p;
      p = this.parent.get(x)!;
    }
    return x;
  }

  /** Joins two sets; returns the surviving root and the absorbed one (equal when already joined). */
  union(a: number, b: number): { root: number; absorbed: number } {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return { root: ra, absorbed: rb };
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
    this.least.set(ra, Math.min(this.least.get(ra)!, this.least.get(rb)!));
    this.size.delete(rb);
    this.least.delete(rb);
    return { root: ra, absorbed: rb };
  }

  /** The smallest member of x's set: a name for the set that merges do not change for the older side. */
  leastOf(x: number): number {
    return this.least.get(this.find(x))!;
  }

  sizeOf(x: number): number {
    return this.size.get(this.find(x))!;
  }

  members(x: number): number[] {
    const root = this.find(x);
    return [...this.parent.keys()].filter((y) => this.find(y) === root);
  }

  /** Every set of at least `minSize` members, as [root, members]: one pass over all ids. */
  groups(minSize: number): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const [root, n] of this.size) if (n >= minSize) out.set(root, []);
    if (out.size === 0) return out;
    for (const x of this.parent.keys()) out.get(this.find(x))?.push(x);
    return out;
  }
}
