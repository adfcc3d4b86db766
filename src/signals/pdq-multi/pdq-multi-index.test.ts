import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sceneDistractor } from '../../../bench/robustness/robustness-images.js';
import { flipHexBits, randomHashHex, XorShift128 } from '../../index/hash256-random.js';
import { DEFAULT_IMAGE_LIMITS } from '../../media/image-decoder.js';
import { SharpImageDecoder } from '../../media/sharp-image-decoder.js';
import { ListMatcher } from '../../match/list-matcher.js';
import { ContentSource, type MediaPorts } from '../content-source.js';
import { defaultRegistry } from '../default-registry.js';
import { isSkipped, type HashedSignal } from '../signal-type.js';
import { ALTERNATE_BAND_THRESHOLD, multiDistance } from './pdq-multi-evidence.js';
import { PdqMultiIndex } from './pdq-multi-index.js';
import { pdqMultiSignal, PDQ_MULTI_THRESHOLD } from './pdq-multi-signal.js';
import { SLOTS, type Slot } from './pdq-multi-slots.js';
import { formatMultiValue, parseMultiValue } from './pdq-multi-value.js';

const T = PDQ_MULTI_THRESHOLD;
const slotsOf = (value: string) => {
  const parsed = parseMultiValue(value);
  assert.ok(parsed.ok);
  return parsed.value.slots;
};
const value = (slots: Record<string, string>) => formatMultiValue(new Map(Object.entries(slots) as [Slot, string][]));

describe('pdq_multi: a band found through an alternate counts only up to its own limit', () => {
  const rng = new XorShift128(0xba4d);
  const band = randomHashHex(rng);
  const known = value({ f: randomHashHex(rng), b: band });
  // The query's mirrored form: an unrelated whole image whose band is 28 bits from the known band.
  const mirrored = value({ f: randomHashHex(rng), b: flipHexBits(rng, band, 28) });

  test('the limit is tighter than the threshold', () => {
    assert.ok(ALTERNATE_BAND_THRESHOLD < T);
  });

  test('a band 28 bits off through a mirror is refused; the same band as the query\'s own still matches at 28', () => {
    const index = new PdqMultiIndex();
    index.add(1, known);
    assert.deepEqual(index.search(mirrored, T, 'dihedral:mirror'), []);
    assert.deepEqual(index.search(mirrored, T, 'trim:exact'), []);
    assert.deepEqual(index.search(mirrored, T), [{ id: 1, distance: 28, variant: 'region:band' }]);
    assert.equal(multiDistance(slotsOf(mirrored), slotsOf(known), T, 'dihedral:mirror'), 256);
    assert.equal(multiDistance(slotsOf(mirrored), slotsOf(known), T), 28);
    assert.equal(pdqMultiSignal.distance(mirrored, known), 28);
  });

  test('a band within the limit through a mirror matches, and says so', () => {
    const index = new PdqMultiIndex();
    index.add(1, known);
    const near = value({ f: randomHashHex(rng), b: flipHexBits(rng, band, ALTERNATE_BAND_THRESHOLD) });
    assert.deepEqual(index.search(near, T, 'dihedral:mirror'), [{ id: 1, distance: ALTERNATE_BAND_THRESHOLD, variant: 'region:band' }]);
  });

  test('the whole image through a mirror still counts up to the threshold', () => {
    const index = new PdqMultiIndex();
    const f = randomHashHex(rng);
    index.add(1, value({ f }));
    assert.deepEqual(index.search(value({ f: flipHexBits(rng, f, T) }), T, 'dihedral:mirror'), [{ id: 1, distance: T }]);
  });

  test('a match list refuses the mirrored band and keeps the match through the query\'s own band', () => {
    const matcher = new ListMatcher(defaultRegistry(), [{ type: 'pdq_multi', value: known }] as never);
    const unrelated = value({ f: randomHashHex(rng) });
    assert.deepEqual(matcher.match({ type: 'pdq_multi', value: unrelated, alternates: [{ name: 'dihedral:mirror', value: mirrored }] }), []);
    const own = matcher.match({ type: 'pdq_multi', value: mirrored });
    assert.equal(own.length, 1);
    assert.equal(own[0]!.variant, 'region:band');
  });

  test('the index agrees with the brute force for alternates, slot sets and distances of every kind', () => {
    const r = new XorShift128(77);
    const values: string[] = [];
    for (let v = 0; v < 24; v++) {
      const base = new Map<Slot, string>([['f', randomHashHex(r)]]);
      for (const slot of SLOTS.slice(1)) if (r.below(2) > 0) base.set(slot, randomHashHex(r));
      values.push(formatMultiValue(base));
      // Relatives at 16–40 bits through one slot pair: the band, the whole image, a window.
      const near = new Map<Slot, string>([['f', randomHashHex(r)]]);
      if (base.has('b')) near.set('b', flipHexBits(r, base.get('b')!, 16 + r.below(25)));
      if (base.has('rb')) near.set('rb', flipHexBits(r, base.get('rb')!, 16 + r.below(25)));
      if (base.has('c90')) near.set('f', flipHexBits(r, base.get('c90')!, 16 + r.below(25)));
      values.push(formatMultiValue(near));
    }
    const index = new PdqMultiIndex();
    index.addMany(values.map((v, id) => [id, v] as const));
    for (const alternate of [undefined, 'dihedral:mirror', 'trim:exact']) {
      for (const q of values) {
        const expected = values
          .map((v, id) => ({ id, distance: multiDistance(slotsOf(q), slotsOf(v), T, alternate) }))
          .filter((h) => h.distance <= T)
          .sort((a, b) => a.distance - b.distance || a.id - b.id);
        assert.deepEqual(index.search(q, T, alternate).map(({ id, distance }) => ({ id, distance })), expected);
      }
    }
  });
});

describe('pdq_multi on the two bench portraits that matched through a mirrored band', () => {
  const ports: MediaPorts = { imageDecoder: new SharpImageDecoder(), imageLimits: DEFAULT_IMAGE_LIMITS };
  const multi = async (bytes: Uint8Array): Promise<HashedSignal> => {
    const s = await pdqMultiSignal.hash!(new ContentSource(bytes, ports), {});
    assert.ok(!isSkipped(s));
    return s;
  };

  test('scenes 379 and 499 are within the threshold through the mirrored band, yet neither matches the other', async () => {
    // Two unrelated synthetic portraits of the robustness bench's distractors, composed as each other's mirror image.
    const [a, b] = await Promise.all([sceneDistractor(379), sceneDistractor(499)].map(async (item) => multi((await item).bytes)));
    for (const [query, known] of [[a, b], [b, a]] as const) {
      const mirror = query.alternates!.find((alt) => alt.name === 'dihedral:mirror')!;
      const raw = multiDistance(slotsOf(mirror.value), slotsOf(known.value), 256);
      assert.ok(raw > ALTERNATE_BAND_THRESHOLD && raw <= T, `mirrored band distance ${raw}`);
      const matcher = new ListMatcher(defaultRegistry(), [{ type: 'pdq_multi', value: known.value }] as never);
      assert.deepEqual(matcher.match({ type: 'pdq_multi', value: query.value, alternates: query.alternates! }), []);
    }
  });
});

describe('pdq_multi index: addMany', () => {
  const rng = new XorShift128(0xadd);
  const v = () => value({ f: randomHashHex(rng), b: randomHashHex(rng), c90: randomHashHex(rng) });

  test('an id given twice in one call is added then replaced, as by two calls to add', () => {
    const [first, other, second] = [v(), v(), v()];
    const many = new PdqMultiIndex();
    many.addMany([[1, first], [2, other], [1, second]]);
    const one = new PdqMultiIndex();
    for (const [id, x] of [[1, first], [2, other], [1, second]] as const) one.add(id, x);
    assert.equal(many.size, 2);
    // The first copy's keys are gone: its own value no longer finds id 1.
    assert.deepEqual(many.search(first, T), []);
    assert.deepEqual(many.search(second, T), [{ id: 1, distance: 0 }]);
    for (const q of [first, other, second]) assert.deepEqual(many.search(q, T), one.search(q, T));
    // And removing id 1 leaves nothing of it.
    assert.equal(many.remove(1), true);
    assert.deepEqual(many.search(second, T), []);
    assert.deepEqual(many.search(first, T), []);
  });

  test('a bad value in the batch is refused before anything changes', () => {
    const index = new PdqMultiIndex();
    const kept = v();
    index.add(1, kept);
    assert.throws(() => index.addMany([[1, v()], [2, 'f:zz']]));
    assert.equal(index.size, 1);
    assert.deepEqual(index.search(kept, 0), [{ id: 1, distance: 0 }]);
  });
});
