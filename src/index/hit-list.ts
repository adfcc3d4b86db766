import type { Hash256Store } from './hash256-store.js';
import { compareHits } from './index-ids.js';
import type { HitSink } from './hash256-kernel.js';
import type { IndexHit } from './signal-index.js';

/**
 * Collects (slot, distance) pairs from the kernel during one query, then turns them
 * into the caller's hits: drops tombstoned slots, maps slots to ids, removes the
 * duplicates multi-index probing can produce (one slot found through two tables),
 * and sorts nearest first, then by id.
 */
export class HitList implements HitSink {
  private slots: number[] = [];
  private dists: number[] = [];

  push(slot: number, distance: number): void {
    this.slots.push(slot);
    this.dists.push(distance);
  }

  reset(): void {
    this.slots.length = 0;
    this.dists.length = 0;
  }

  toHits(store: Hash256Store): IndexHit[] {
    const { slots, dists } = this;
    const hits: IndexHit[] = [];
    const base = store.sortedCount;
    const checkDead = store.deadCount > 0;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (checkDead && s < base && store.isDead(s)) continue;
      hits.push({ id: store.ids[s], distance: dists[i] });
    }
    hits.sort(compareHits);
    let n = 0;
    for (let i = 0; i < hits.length; i++) if (n === 0 || hits[i].id !== hits[n - 1].id) hits[n++] = hits[i];
    hits.length = n;
    return hits;
  }
}
