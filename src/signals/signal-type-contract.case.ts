import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignalType } from './signal-type.js';

/** Values to exercise one type with: a corpus with near neighbours, and strings it must reject. */
export interface ContractSamples {
  /** Valid values, including pairs within the threshold of each other. */
  readonly values: readonly string[];
  /** Strings `validate` must reject. */
  readonly invalid: readonly string[];
  /** Values whose case carries meaning (base64url): validation is not expected to fold case. */
  readonly caseSensitive?: boolean;
}

/**
 * The contract every signal type meets, run once per registered type
 * (see signal-types.test.ts): validation normalises idempotently, distance is a
 * symmetric, zero-on-self comparison, and the type's own index returns exactly what a
 * brute-force scan with `distance` returns.
 */
export function signalTypeContract(type: SignalType, samples: ContractSamples): void {
  test(`${type.name}: validate normalises idempotently and rejects bad values with a code`, () => {
    for (const v of samples.values) {
      const once = type.validate(` ${samples.caseSensitive ? v : v.toUpperCase()} `);
      assert.ok(once.ok, `${v} should validate`);
      if (once.ok) assert.deepEqual(type.validate(once.value), once);
    }
    for (const bad of samples.invalid) {
      const res = type.validate(bad);
      assert.equal(res.ok, false, `${JSON.stringify(bad)} should be rejected`);
      if (!res.ok) assert.equal(res.code, 'SIGNAL_VALUE_INVALID');
    }
  });

  test(`${type.name}: distance is zero on self and symmetric`, () => {
    const vs = samples.values;
    for (let i = 0; i < vs.length; i++) {
      assert.equal(type.distance(vs[i]!, vs[i]!), 0);
      const j = (i * 7 + 3) % vs.length;
      assert.equal(type.distance(vs[i]!, vs[j]!), type.distance(vs[j]!, vs[i]!));
    }
  });

  test(`${type.name}: its index agrees with brute force, also after removals`, () => {
    const index = type.createIndex();
    const vs = samples.values;
    vs.forEach((v, id) => index.add(id, v));
    assert.equal(index.size, vs.length);
    const removed = new Set<number>();
    for (let id = 0; id < vs.length; id += 5) {
      assert.equal(index.remove(id), true);
      removed.add(id);
    }
    assert.equal(index.remove(vs.length + 10), false);
    for (const q of vs) {
      const expected = vs
        .map((v, id) => ({ id, distance: type.distance(q, v) }))
        .filter((h) => !removed.has(h.id) && h.distance <= type.threshold)
        .sort((a, b) => a.distance - b.distance || a.id - b.id);
      // Only id and distance are the contract; an index may say how an entry matched (`variant`).
      const got = index.search(q, type.threshold).map(({ id, distance }) => ({ id, distance })).sort((a, b) => a.distance - b.distance || a.id - b.id);
      assert.deepEqual(got, expected);
    }
  });
}
