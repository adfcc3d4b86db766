import { Hash256SignalIndex } from '../../index/hash256-signal-index.js';
import { assertIndexId, compareHits } from '../../index/index-ids.js';
import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { VPDQ_FRAME_DISTANCE } from './vpdq-frame.js';
import { distanceFromOverlap, matchableHashes, VPDQ_NO_OVERLAP_DISTANCE } from './vpdq-match.js';
import { framesOf } from './vpdq-value.js';

interface Frame {
  readonly hash: string;
  /** Ids of the videos holding this hash (one, mostly). */
  readonly owners: number[];
}

interface Video {
  readonly value: string;
  /** Distinct matchable frame hashes, as frame ids of the shared PDQ index. */
  readonly frameIds: readonly number[];
}

/**
 * The `vpdq` index. Every distinct matchable frame hash of every stored video goes into
 * one PDQ multi-index (`Hash256SignalIndex`), each frame id owned by the videos that
 * hold that hash. A query's frames are searched at 31 bits; each hit votes for its
 * owners, and the votes are exactly the counts behind q% and c% (query frames with a
 * partner in the video; the video's frames hit by some query frame). So only videos
 * sharing a frame are scored, and every distance equals the brute-force `vpdqDistance`.
 * Identical values are found through an exact map, whatever their frames.
 *
 * @example
 *   const index = new VpdqIndex();
 *   index.add(7, knownVideo);
 *   index.search(clipOfIt, 20);   // [{ id: 7, distance: 1 }]
 */
export class VpdqIndex implements SignalIndex {
  private readonly videos = new Map<number, Video>();
  private readonly exact = new Map<string, Set<number>>();
  /** The PDQ index over frame ids. */
  private readonly pdq = new Hash256SignalIndex();
  private readonly frameIdOf = new Map<string, number>();
  private readonly frames = new Map<number, Frame>();
  private readonly freeFrameIds: number[] = [];
  private nextFrameId = 0;

  get size(): number {
    return this.videos.size;
  }

  add(id: number, value: string): void {
    assertIndexId(id);
    const hashes = matchableHashes(framesOf(value));
    this.remove(id);
    const frameIds = hashes.map((hash) => this.ownFrame(hash, id));
    this.videos.set(id, { value, frameIds });
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
    for (const frameId of video.frameIds) this.disownFrame(frameId, id);
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    if (maxDistance < 0) return [];
    const query = matchableHashes(framesOf(value));
    const hits: IndexHit[] = [];
    const same = this.exact.get(value);
    for (const id of same ?? []) hits.push({ id, distance: 0 });

    // Votes: per video, the query frames with a partner in it and its frames hit by the query.
    const queryMatched = new Map<number, number>();
    const comparedMatched = new Map<number, number>();
    const framesHit = new Set<number>();
    for (const hash of query) {
      const voted = new Set<number>();
      for (const { id: frameId } of this.pdq.search(hash, VPDQ_FRAME_DISTANCE)) {
        const firstHit = !framesHit.has(frameId);
        framesHit.add(frameId);
        for (const videoId of this.frames.get(frameId)!.owners) {
          if (!voted.has(videoId)) {
            voted.add(videoId);
            queryMatched.set(videoId, (queryMatched.get(videoId) ?? 0) + 1);
          }
          if (firstHit) comparedMatched.set(videoId, (comparedMatched.get(videoId) ?? 0) + 1);
        }
      }
    }
    // Videos sharing no frame are at VPDQ_NO_OVERLAP_DISTANCE: only a search that wide needs them.
    const candidates = maxDistance >= VPDQ_NO_OVERLAP_DISTANCE ? this.videos.keys() : queryMatched.keys();
    for (const id of candidates) {
      if (same?.has(id)) continue;
      const distance = distanceFromOverlap({
        queryFrames: query.length,
        queryMatched: queryMatched.get(id) ?? 0,
        comparedFrames: this.videos.get(id)!.frameIds.length,
        comparedMatched: comparedMatched.get(id) ?? 0,
      });
      if (distance <= maxDistance) hits.push({ id, distance });
    }
    return hits.sort(compareHits);
  }

  memoryBytes(): number {
    let bytes = this.pdq.memoryBytes() + this.frames.size * 160;
    for (const video of this.videos.values()) bytes += 96 + video.value.length + video.frameIds.length * 8;
    return bytes;
  }

  /** The frame id of `hash`, shared with the videos that already hold it, now owned by `videoId` too. */
  private ownFrame(hash: string, videoId: number): number {
    const known = this.frameIdOf.get(hash);
    if (known !== undefined) {
      this.frames.get(known)!.owners.push(videoId);
      return known;
    }
    const frameId = this.freeFrameIds.pop() ?? this.nextFrameId++;
    this.frameIdOf.set(hash, frameId);
    this.frames.set(frameId, { hash, owners: [videoId] });
    this.pdq.add(frameId, hash);
    return frameId;
  }

  private disownFrame(frameId: number, videoId: number): void {
    const frame = this.frames.get(frameId)!;
    frame.owners.splice(frame.owners.indexOf(videoId), 1);
    if (frame.owners.length > 0) return;
    this.frames.delete(frameId);
    this.frameIdOf.delete(frame.hash);
    this.pdq.remove(frameId);
    this.freeFrameIds.push(frameId);
  }
}
