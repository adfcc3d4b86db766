import { Hash256SignalIndex } from '../../index/hash256-signal-index.js';
import { assertIndexId, compareHits } from '../../index/index-ids.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { distanceFromSpans, spanCount, spanOf, VPDQ_MULTI_FRAME_DISTANCE, VPDQ_MULTI_NO_OVERLAP } from './vpdq-multi-match.js';
import { comparedSlots, slotPairVariant, VIDEO_SLOTS } from './vpdq-multi-slots.js';
import { packedOf } from './vpdq-multi-value.js';

interface Entry {
  readonly video: number;
  readonly span: number;
  /** Index into VIDEO_SLOTS. */
  readonly slot: number;
}

interface Video {
  readonly value: string;
  readonly spans: number;
  readonly entries: readonly number[];
}

/**
 * The `vpdq_multi` index: every slot hash of every stored video in one PDQ multi-index
 * (`Hash256SignalIndex`), each entry remembering its video, span and slot. A query's slot
 * hashes are searched at 31 bits; a hit of a compared slot pair marks the query's span and
 * the video's span as matched, which are exactly the counts of the brute-force
 * `spanOverlap`, so distances equal `vpdqMultiDistance` (the contract suite checks it) and
 * only videos sharing a frame are scored. Identical values are found through an exact map.
 *
 * @example
 *   index.add(7, knownValue);
 *   index.search(croppedCopy, 20);   // [{ id: 7, distance: 1, variant: 'window:centre-0.8' }]
 */
export class VpdqMultiIndex implements SignalIndex {
  private readonly videos = new Map<number, Video>();
  private readonly exact = new Map<string, Set<number>>();
  private readonly pdq = new Hash256SignalIndex();
  private readonly entries = new Map<number, Entry>();
  private readonly freeIds: number[] = [];
  private nextId = 0;

  get size(): number {
    return this.videos.size;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    const packed = packedOf(value);
    this.remove(id);
    const entries: number[] = [];
    packed.hashes.forEach((hash, k) => {
      const entryId = this.freeIds.pop() ?? this.nextId++;
      this.entries.set(entryId, { video: id, span: spanOf(packed.ms[packed.frameOf[k]!]!), slot: packed.slotOf[k]! });
      this.pdq.add(entryId, hash);
      entries.push(entryId);
    });
    this.videos.set(id, { value, spans: spanCount(packed), entries });
    let ids = this.exact.get(value);
    if (!ids) this.exact.set(value, (ids = new Set()));
    ids.add(id);
  }

  remove(id: number): boolean {
    const video = this.videos.get(id);
    if (!video) return false;
    this.videos.delete(id);
    const ids = this.exact.get(video.value)!;
    ids.delete(id);
    if (ids.size === 0) this.exact.delete(video.value);
    for (const entryId of video.entries) {
      this.entries.delete(entryId);
      this.pdq.remove(entryId);
      this.freeIds.push(entryId);
    }
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    if (maxDistance < 0) return [];
    const query = packedOf(value);
    const hits: IndexHit[] = [];
    const same = this.exact.get(value);
    for (const id of same ?? []) hits.push({ id, distance: 0 });

    // Per video: the query's spans with a partner in it, its spans hit, and how the frame pairs matched.
    const queryMatched = new Map<number, Set<number>>();
    const knownMatched = new Map<number, Set<number>>();
    const how = new Map<number, Map<string, number>>();
    for (let k = 0; k < query.hashes.length; k++) {
      const slot = VIDEO_SLOTS[query.slotOf[k]!]!;
      const span = spanOf(query.ms[query.frameOf[k]!]!);
      for (const { id: entryId } of this.pdq.search(query.hashes[k]!, VPDQ_MULTI_FRAME_DISTANCE)) {
        const entry = this.entries.get(entryId)!;
        const known = VIDEO_SLOTS[entry.slot]!;
        if (!comparedSlots(slot, known)) continue;
        setOf(queryMatched, entry.video).add(span);
        setOf(knownMatched, entry.video).add(entry.span);
        const variants = how.get(entry.video) ?? new Map<string, number>();
        how.set(entry.video, variants);
        const name = slotPairVariant(slot, known) ?? '';
        variants.set(name, (variants.get(name) ?? 0) + 1);
      }
    }
    // Videos sharing no frame are at VPDQ_MULTI_NO_OVERLAP: only a search that wide needs them.
    const candidates = maxDistance >= VPDQ_MULTI_NO_OVERLAP ? this.videos.keys() : queryMatched.keys();
    const querySpans = spanCount(query);
    for (const id of candidates) {
      if (same?.has(id)) continue;
      const distance = distanceFromSpans({
        querySpans,
        queryMatched: queryMatched.get(id)?.size ?? 0,
        knownSpans: this.videos.get(id)!.spans,
        knownMatched: knownMatched.get(id)?.size ?? 0,
      });
      if (distance > maxDistance) continue;
      const variant = mostFrequent(how.get(id));
      hits.push({ id, distance, ...(variant ? { variant } : {}) });
    }
    return hits.sort(compareHits);
  }

  memoryBytes(): number {
    let bytes = this.pdq.memoryBytes() + this.entries.size * 64;
    for (const video of this.videos.values()) bytes += 96 + video.value.length + video.entries.length * 8;
    return bytes;
  }
}

function setOf(map: Map<number, Set<number>>, key: number): Set<number> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** The way most frame pairs matched; nothing when that is whole frame against whole frame. */
function mostFrequent(counts: Map<string, number> | undefined): string | undefined {
  let best = '';
  let most = 0;
  for (const [name, n] of counts ?? []) if (n > most) [best, most] = [name, n];
  return best || undefined;
}
