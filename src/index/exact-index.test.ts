import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ExactIndex } from './exact-index.js';

test('several ids may share a key; lookup finds each of them', () => {
  const index = new ExactIndex(4);
  const key = Uint32Array.of(1, 2, 3, 4);
  for (const id of [5, 6, 7]) index.add(id, key, 0);
  index.add(8, Uint32Array.of(1, 2, 3, 5), 0);
  assert.deepEqual(index.lookup(key, 0).sort(), [5, 6, 7]);
  assert.equal(index.remove(6), true);
  assert.deepEqual(index.lookup(key, 0).sort(), [5, 7]);
  assert.deepEqual(index.lookup(Uint32Array.of(1, 2, 3, 5), 0), [8]);
});

test('matches a Map model over random adds and removals, through growth and backward-shift deletes', () => {
  const op = fc.record({ add: fc.boolean(), id: fc.nat(200), key: fc.nat(30) });
  fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
    const index = new ExactIndex(2, 1);
    const model = new Map<number, number>();
    const keyOf = (k: number) => Uint32Array.of(k % 3, k);
    for (const o of ops) {
      if (o.add) {
        index.add(o.id, keyOf(o.key), 0);
        model.set(o.id, o.key);
      } else {
        assert.equal(index.remove(o.id), model.delete(o.id));
      }
      assert.equal(index.size, model.size);
    }
    for (let k = 0; k <= 30; k++) {
      const want = [...model].filter(([, key]) => key === k).map(([id]) => id).sort((a, b) => a - b);
      assert.deepEqual(index.lookup(keyOf(k), 0).sort((a, b) => a - b), want);
    }
  }));
});

test('an md5 entry costs 36 bytes a slot, under 60 with growth slack', () => {
  const index = new ExactIndex(4);
  const key = new Uint32Array(4);
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    key[0] = Math.imul(i, 0x9e3779b1);
    key[1] = i;
    index.add(i, key, 0);
  }
  assert.ok(index.memoryBytes() / n < 60, `${index.memoryBytes() / n} bytes an entry`);
});
