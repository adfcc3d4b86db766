import { ConcordError } from '../errors/concord-error.js';
import { HASH256_WORDS } from './hash256.js';
import { Wasm, type WasmMemory } from './wasm-api.js';
import { instantiateHash256, type Hash256Exports } from './hash256-wasm.js';

/** Receives (slot, distance) hits from the kernel. */
export interface HitSink {
  push(slot: number, distance: number): void;
}

const PAGE = 65536;
const MAX_PAGES = 65536; // wasm32: 4 GiB
/** Slots a single kernel call may verify, so its output (one pair per slot at most) always fits. */
export const KERNEL_CHUNK = 16384;
const QUERY_PTR = 0;
const OUT_PTR = 64;
const CAND_PTR = OUT_PTR + KERNEL_CHUNK * 8;
const HASH_PTR = CAND_PTR + KERNEL_CHUNK * 4; // 64-byte aligned

/**
 * A WebAssembly memory holding a growable array of 256-bit hashes plus scratch space,
 * and the popcount kernels that read it.
 *
 * Layout (bytes): [0, 64) query · [64, +128 KiB) output pairs · [.., +64 KiB)
 * candidate slots · then the hashes, 32 bytes (8 words, see hash256.ts) per slot.
 * At most ~134 million hashes fit in the 4 GiB of a wasm32 memory.
 *
 * @example
 *   const k = new Hash256Kernel(1024);
 *   k.words.set(hashWords, 0);            // slot 0
 *   k.setQuery(query, 0);
 *   k.scan(0, 1, 31, sink);               // sink.push(0, distance) if within 31
 */
export class Hash256Kernel {
  readonly memory: WasmMemory;
  /** The hash array: slot s is words[8s .. 8s+8). Replaced when the memory grows. */
  words!: Uint32Array;
  /** Candidate slots for `verify` (KERNEL_CHUNK entries). Replaced when the memory grows. */
  cand!: Uint32Array;
  private out!: Uint32Array;
  private query!: Uint32Array;
  private readonly fns: Hash256Exports;
  private cap = 0;

  constructor(capacity: number) {
    this.memory = new Wasm.Memory({ initial: Hash256Kernel.pagesFor(capacity), maximum: MAX_PAGES });
    this.fns = instantiateHash256(this.memory);
    this.refreshViews();
  }

  /** Capacity in hashes. */
  get capacity(): number {
    return this.cap;
  }

  /** Bytes of the whole memory (hash array capacity plus 192 KiB scratch). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  /** Grows the hash array to hold at least `count` hashes: doubling up to 1M, then by 1/8. */
  ensureCapacity(count: number): void {
    if (count <= this.cap) return;
    const want = Math.max(count, this.cap + Math.max(1024, this.cap < 1 << 20 ? this.cap : this.cap >>> 3));
    const pages = Math.min(Hash256Kernel.pagesFor(want), MAX_PAGES);
    if (HASH_PTR + count * 32 > pages * PAGE) {
      throw new ConcordError('INTERNAL', `a 256-bit index holds at most ${Math.floor((MAX_PAGES * PAGE - HASH_PTR) / 32)} hashes; shard it`);
    }
    this.memory.grow(pages - this.memory.buffer.byteLength / PAGE);
    this.refreshViews();
  }

  setQuery(words: Uint32Array, offset: number): void {
    for (let i = 0; i < HASH256_WORDS; i++) this.query[i] = words[offset + i];
  }

  /** Hits among slots [from, to) within maxDist of the query set by setQuery. */
  scan(from: number, to: number, maxDist: number, sink: HitSink): void {
    for (let start = from; start < to; start += KERNEL_CHUNK) {
      const n = this.fns.scan(HASH_PTR, start, Math.min(to, start + KERNEL_CHUNK), QUERY_PTR, maxDist, OUT_PTR);
      this.drain(n, sink);
    }
  }

  /** Hits among the first `count` (≤ KERNEL_CHUNK) slots written to `cand`. */
  verify(count: number, maxDist: number, sink: HitSink): void {
    const n = this.fns.verify(HASH_PTR, CAND_PTR, count, QUERY_PTR, maxDist, OUT_PTR);
    this.drain(n, sink);
  }

  private drain(n: number, sink: HitSink): void {
    const out = this.out;
    for (let i = 0; i < 2 * n; i += 2) sink.push(out[i], out[i + 1]);
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    this.cap = Math.floor((buffer.byteLength - HASH_PTR) / 32);
    this.query = new Uint32Array(buffer, QUERY_PTR, HASH256_WORDS);
    this.out = new Uint32Array(buffer, OUT_PTR, KERNEL_CHUNK * 2);
    this.cand = new Uint32Array(buffer, CAND_PTR, KERNEL_CHUNK);
    this.words = new Uint32Array(buffer, HASH_PTR, this.cap * HASH256_WORDS);
  }

  private static pagesFor(capacity: number): number {
    return Math.max(1, Math.ceil((HASH_PTR + capacity * 32) / PAGE));
  }
}
