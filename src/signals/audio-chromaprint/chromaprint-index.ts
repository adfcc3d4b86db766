import type { IndexHit, SignalIndex } from '../../index/signal-index.js';
import { SILENCE_ITEM } from './chromaprint-fingerprinter.js';
import { alignmentDistance, bestAlignment, fingerprintDistance } from './chromaprint-match.js';
import { itemsOf } from './chromaprint-value.js';

/** Items are keyed by their top 20 bits: re-encoded audio keeps enough of these intact to vote (≥ 5 per 15 s clip measured). */
const KEY_SHIFT = 12;
/** A key shared by more postings than this (steady noise, hum) says nothing about which entry matches; it is skipped. */
const MAX_POSTINGS_PER_KEY = 4096;
/** Votes an entry needs at one offset before it is scored. */
const MIN_VOTES = 2;
/** Offsets per candidate scored in the first pass (each with its neighbours). */
const OFFSETS_PER_CANDIDATE = 3;
const OFFSET_BIAS = 1 << 18;
const OFFSET_SPAN = 1 << 19;

/** How an index reads and compares its values: the plain type's by default. */
export interface ChromaprintIndexOptions {
  readonly itemsOf: (value: string) => Uint32Array;
  /** The type's brute-force distance; every reported distance equals it. */
  readonly distance: (a: Uint32Array, b: Uint32Array) => number;
  /**
   * Candidates whose quick single-offset score exceeds `maxDistance + prefilterSlack` are
   * not re-scored. 0 for the plain type (its distance is the best single offset); a
   * drift-tolerant distance can be lower than any single offset, so it gets slack.
   */
  readonly prefilterSlack: number;
}

const PLAIN: ChromaprintIndexOptions = { itemsOf, distance: fingerprintDistance, prefilterSlack: 0 };

interface Entry {
  readonly serial: number;
  readonly value: string;
  readonly items: Uint32Array;
}

/**
 * An inverted index over chromaprint fingerprints: each item's top 20 bits map to
 * (entry, position) postings, skipping silence and repeats of the previous key. A
 * query's positions look up their keys; equal keys vote for the offset (stored
 * position − query position); entries with enough votes are scored at their
 * best-voted offsets, and those within range are re-scored exactly with the brute-force
 * `fingerprintDistance`, so every distance it reports equals the brute-force one.
 * Identical values are found through an exact map, whatever their content.
 *
 * @example
 *   const index = new ChromaprintIndex();
 *   index.add(7, 'AQAAO0mSRJKS…');
 *   index.search(clipValue, 200);   // [{ id: 7, distance: 48 }]
 */
export class ChromaprintIndex implements SignalIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly idOfSerial = new Map<number, number>();
  private readonly exact = new Map<string, Set<number>>();
  /** key → flat [serial, position, serial, position, …]; postings of removed entries linger until compaction. */
  private postings = new Map<number, number[]>();
  private livePostings = 0;
  private stalePostings = 0;
  private nextSerial = 0;

  constructor(private readonly options: ChromaprintIndexOptions = PLAIN) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: number, value: string): void {
    this.remove(id);
    const entry: Entry = { serial: this.nextSerial++, value, items: this.options.itemsOf(value) };
    this.entries.set(id, entry);
    this.idOfSerial.set(entry.serial, id);
    let ids = this.exact.get(value);
    if (!ids) this.exact.set(value, (ids = new Set()));
    ids.add(id);
    this.post(entry);
  }

  remove(id: number): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.idOfSerial.delete(entry.serial);
    const ids = this.exact.get(entry.value)!;
    ids.delete(id);
    if (ids.size === 0) this.exact.delete(entry.value);
    const n = keyedPositions(entry.items).length;
    this.livePostings -= n;
    this.stalePostings += n;
    if (this.stalePostings > this.livePostings) this.compact();
    return true;
  }

  search(value: string, maxDistance: number): IndexHit[] {
    const query = this.options.itemsOf(value);
    const hits = new Map<number, number>();
    for (const id of this.exact.get(value) ?? []) hits.set(id, 0);
    for (const [serial, offsets] of this.candidates(query)) {
      const id = this.idOfSerial.get(serial)!;
      if (hits.has(id)) continue;
      const stored = this.entries.get(id)!.items;
      const quick = bestAlignment(query, stored, offsets);
      if (!quick || alignmentDistance(quick) > maxDistance + this.options.prefilterSlack) continue;
      const distance = this.options.distance(query, stored);
      if (distance <= maxDistance) hits.set(id, distance);
    }
    return [...hits].map(([id, distance]) => ({ id, distance })).sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  memoryBytes(): number {
    let bytes = 0;
    for (const e of this.entries.values()) bytes += 64 + e.items.byteLength + 2 * e.value.length;
    // Two 8-byte numbers per posting, plus the map slot and array header per key.
    return bytes + 16 * (this.livePostings + this.stalePostings) + 80 * this.postings.size;
  }

  /** Entries with at least MIN_VOTES at one offset, each with its best-voted offsets and their neighbours. */
  private candidates(query: Uint32Array): Map<number, number[]> {
    const votes = new Map<number, number>();
    for (let i = 0; i < query.length; i++) {
      const item = query[i]!;
      if (item === SILENCE_ITEM) continue;
      const list = this.postings.get(item >>> KEY_SHIFT);
      if (!list || list.length > 2 * MAX_POSTINGS_PER_KEY) continue;
      for (let p = 0; p < list.length; p += 2) {
        const slot = list[p]! * OFFSET_SPAN + (list[p + 1]! - i + OFFSET_BIAS);
        votes.set(slot, (votes.get(slot) ?? 0) + 1);
      }
    }
    const perEntry = new Map<number, { offset: number; votes: number }[]>();
    for (const [slot, count] of votes) {
      if (count < MIN_VOTES) continue;
      const serial = Math.floor(slot / OFFSET_SPAN);
      if (!this.idOfSerial.has(serial)) continue;
      let list = perEntry.get(serial);
      if (!list) perEntry.set(serial, (list = []));
      list.push({ offset: (slot % OFFSET_SPAN) - OFFSET_BIAS, votes: count });
    }
    const out = new Map<number, number[]>();
    for (const [serial, list] of perEntry) {
      list.sort((a, b) => b.votes - a.votes || a.offset - b.offset);
      const offsets = new Set<number>();
      for (const { offset } of list.slice(0, OFFSETS_PER_CANDIDATE)) for (let d = -1; d <= 1; d++) offsets.add(offset + d);
      out.set(serial, [...offsets]);
    }
    return out;
  }

  private post(entry: Entry): void {
    const positions = keyedPositions(entry.items);
    for (const pos of positions) {
      const key = entry.items[pos]! >>> KEY_SHIFT;
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      list.push(entry.serial, pos);
    }
    this.livePostings += positions.length;
  }

  private compact(): void {
    this.postings = new Map();
    this.livePostings = 0;
    this.stalePostings = 0;
    for (const entry of this.entries.values()) this.post(entry);
  }
}

/** Positions that get a posting: not silence, and not a repeat of the previous position's key. */
function keyedPositions(items: Uint32Array): number[] {
  const out: number[] = [];
  let previous = -1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const key = item >>> KEY_SHIFT;
    if (item !== SILENCE_ITEM && key !== previous) out.push(i);
    previous = item === SILENCE_ITEM ? -1 : key;
  }
  return out;
}
