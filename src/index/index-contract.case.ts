import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { XorShift128 } from './hash256-random.js';
import { compareHits } from './index-ids.js';
import type { IndexHit, SignalIndex } from './signal-index.js';

/** What the contract needs to know about one index implementation and its signal type. */
export interface IndexContractSubject {
  readonly name: string;
  create(): SignalIndex;
  /** The type's brute-force distance: the reference. */
  distance(a: string, b: string): number;
  randomValue(rng: XorShift128): string;
  /** A value at distance exactly k from `value`, for types with near matches. */
  neighbour?(value: string, k: number, rng: XorShift128): string;
  /** Query distances the type allows (e.g. [0] for exact types, up to 256 for PDQ). */
  readonly distances: readonly number[];
  /** Property-test runs (default 60). */
  readonly runs?: number;
}

type Op =
  | { kind: 'add'; id: number; value: number; flips: number }
  | { kind: 'remove'; id: number }
  | { kind: 'search'; value: number; flips: number; distance: number };

/**
 * The behaviour every `SignalIndex` shares (Hono's common.case.test.ts style):
 * replace-on-add, remove, ordering, and, over random operation sequences, exactly
 * the hits of a linear scan with the type's brute-force distance.
 *
 * @example
 *   runIndexContract({ name: 'pdq mih', create: () => new Hash256SignalIndex(), … });
 */
export function runIndexContract(subject: IndexContractSubject): void {
  const near = (base: string, k: number, rng: XorShift128): string =>
    k === 0 || !subject.neighbour ? base : subject.neighbour(base, k, rng);
  const maxD = Math.max(...subject.distances);
  // Neighbours up to 70 bits away: the interesting range for thresholds up to 63.
  const maxFlips = Math.min(maxD, 70);

  describe(`${subject.name}: index contract`, () => {
    test('an empty index has size 0 and finds nothing', () => {
      const index = subject.create();
      assert.equal(index.size, 0);
      assert.deepEqual(index.search(subject.randomValue(new XorShift128(1)), maxD), []);
    });

    test('finds an added value at distance 0', () => {
      const index = subject.create();
      const v = subject.randomValue(new XorShift128(2));
      index.add(7, v);
      assert.equal(index.size, 1);
      assert.deepEqual(index.search(v, 0), [{ id: 7, distance: 0 }]);
    });

    test('adding an id that is present replaces its value', () => {
      const rng = new XorShift128(3);
      const index = subject.create();
      const [a, b] = [subject.randomValue(rng), subject.randomValue(rng)];
      index.add(1, a);
      index.add(1, b);
      assert.equal(index.size, 1);
      assert.deepEqual(index.search(a, 0), []);
      assert.deepEqual(index.search(b, 0), [{ id: 1, distance: 0 }]);
    });

    test('remove is true once for a present id, false otherwise', () => {
      const index = subject.create();
      const v = subject.randomValue(new XorShift128(4));
      assert.equal(index.remove(1), false);
      index.add(1, v);
      index.add(2, v);
      assert.equal(index.remove(1), true);
      assert.equal(index.remove(1), false);
      assert.equal(index.size, 1);
      assert.deepEqual(index.search(v, 0), [{ id: 2, distance: 0 }]);
    });

    test('ids sharing a value all match, in id order; a negative distance finds nothing', () => {
      const index = subject.create();
      const v = subject.randomValue(new XorShift128(5));
      for (const id of [9, 0, 0xffffffff, 4]) index.add(id, v);
      assert.deepEqual(index.search(v, 0).map((h) => h.id), [0, 4, 9, 0xffffffff]);
      assert.deepEqual(index.search(v, -1), []);
    });

    test('rejects ids that are not unsigned 32-bit integers', () => {
      const index = subject.create();
      const v = subject.randomValue(new XorShift128(6));
      for (const id of [-1, 1.5, 2 ** 32, Number.NaN]) assert.throws(() => index.add(id, v));
    });

    test('memoryBytes is a positive number', () => {
      const index = subject.create();
      index.add(1, subject.randomValue(new XorShift128(7)));
      assert.ok(index.memoryBytes() > 0);
    });

    test('over random adds, removals and searches, returns exactly what a linear scan returns', () => {
      const op: fc.Arbitrary<Op> = fc.oneof(
        { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), id: fc.nat(40), value: fc.nat(11), flips: fc.nat(maxFlips) }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.nat(40) }) },
        { weight: 3, arbitrary: fc.record({ kind: fc.constant('search' as const), value: fc.nat(11), flips: fc.nat(maxFlips), distance: fc.constantFrom(...subject.distances) }) },
      );
      fc.assert(
        fc.property(fc.integer(), fc.array(op, { maxLength: 120 }), (seed, ops) => {
          const rng = new XorShift128(seed);
          const bases = Array.from({ length: 12 }, () => subject.randomValue(rng));
          const index = subject.create();
          const model = new Map<number, string>();
          for (const o of ops) {
            if (o.kind === 'add') {
              const value = near(bases[o.value], o.flips, rng);
              index.add(o.id, value);
              model.set(o.id, value);
            } else if (o.kind === 'remove') {
              assert.equal(index.remove(o.id), model.delete(o.id));
            } else {
              const query = near(bases[o.value], o.flips, rng);
              assert.deepEqual(index.search(query, o.distance), linearScan(model, query, o.distance, subject.distance));
            }
            assert.equal(index.size, model.size);
          }
        }),
        { numRuns: subject.runs ?? 60 },
      );
    });
  });
}

function linearScan(model: Map<number, string>, query: string, maxDistance: number, distance: (a: string, b: string) => number): IndexHit[] {
  const hits: IndexHit[] = [];
  for (const [id, value] of model) {
    const d = distance(query, value);
    if (d <= maxDistance) hits.push({ id, distance: d });
  }
  return hits.sort(compareHits);
}
