import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Hash256Store } from './hash256-store.js';
import { randomHashes, XorShift128 } from './hash256-random.js';
import { sortedPermutation } from './radix-sort.js';

/** The store's live contents as id → first word of its hash. */
function contents(store: Hash256Store): Map<number, number> {
  const out = new Map<number, number>();
  for (let s = 0; s < store.count; s++) {
    if (s < store.sortedCount && store.isDead(s)) continue;
    assert.ok(!out.has(store.ids[s]), `id ${store.ids[s]} twice`);
    out.set(store.ids[s], store.kernel.words[s * 8]);
    assert.equal(store.slotOf(store.ids[s]), s);
  }
  return out;
}

test('radix sort permutation is stable and sorted', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff })), (keys) => {
    const perm = sortedPermutation(Uint32Array.from(keys), keys.length);
    const expected = keys.map((k, i) => [k, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
    assert.deepEqual([...perm], expected);
  }));
});

test('load sorts by id and keeps the last hash of a repeated id', () => {
  const store = new Hash256Store(4);
  const words = new Uint32Array(4 * 8);
  [10, 20, 30, 40].forEach((w, i) => (words[i * 8] = w));
  store.load(words, Uint32Array.of(5, 3, 5, 1), 4);
  assert.deepEqual([...store.ids.subarray(0, store.count)], [1, 3, 5]);
  assert.deepEqual(contents(store), new Map([[1, 40], [3, 20], [5, 30]]));
});

test('adds, removals, compaction and reloads keep id → hash exactly like a Map', () => {
  type Op = { kind: 'add' | 'remove' | 'compact'; id: number; word: number };
  const op = fc.record({ kind: fc.constantFrom<Op['kind']>('add', 'add', 'remove', 'compact'), id: fc.nat(30), word: fc.nat(1000) });
  fc.assert(fc.property(fc.array(op, { maxLength: 150 }), fc.boolean(), (ops, preload) => {
    const store = new Hash256Store(2);
    const model = new Map<number, number>();
    if (preload) {
      const rng = new XorShift128(ops.length);
      const words = randomHashes(rng, 20);
      const ids = Uint32Array.from({ length: 20 }, (_, i) => (i * 7) % 31);
      store.load(words, ids, 20);
      ids.forEach((id, i) => model.set(id, words[i * 8]));
    }
    const hash = new Uint32Array(8);
    for (const o of ops) {
      if (o.kind === 'add') {
        hash[0] = o.word;
        store.add(o.id, hash, 0);
        model.set(o.id, o.word);
      } else if (o.kind === 'remove') {
        assert.equal(store.remove(o.id), model.delete(o.id));
      } else {
        store.compact();
        assert.equal(store.sortedCount, store.count);
        for (let s = 1; s < store.count; s++) assert.ok(store.ids[s - 1] < store.ids[s]);
      }
      assert.equal(store.size, model.size);
      assert.deepEqual(contents(store), model);
    }
  }));
});
