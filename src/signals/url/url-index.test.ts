import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runIndexContract } from '../../index/index-contract.case.js';
import { compareHits } from '../../index/index-ids.js';
import { seededRandom } from '../text/text-corpus.js';
import { canonicaliseUrl } from './url-canonical.js';
import { UrlIndex } from './url-index.js';
import { covers, urlDistance } from './url-prefix.js';

test('prefix entries cover whole segments only', () => {
  assert.equal(covers('https://example.com/forum/*', 'https://example.com/forum'), true);
  assert.equal(covers('https://example.com/forum/*', 'https://example.com/forum/7?page=2'), true);
  assert.equal(covers('https://example.com/forum/*', 'https://example.com/forums'), false);
  assert.equal(covers('https://example.com/*', 'https://example.com/'), true);
  assert.equal(covers('https://example.com/*', 'https://sub.example.com/'), false);
  assert.equal(covers('https://example.com/*', 'https://example.com:8443/'), false);
  assert.equal(covers('https://example.com/forum/*', 'https://example.com/forum/thread/*'), true);
  assert.equal(covers('https://example.com/forum', 'https://example.com/forum/7'), false, 'an exact URL covers nothing');
  assert.equal(urlDistance('https://example.com/forum/7', 'https://example.com/forum/*'), 1);
  assert.equal(urlDistance('https://example.com/forum/7', 'https://example.com/forum/7?x=1'), 2);
});

test('the index finds the exact URL at 0 and covering prefixes at 1', () => {
  const index = new UrlIndex();
  index.add(1, 'https://example.com/forum/*');
  index.add(2, 'https://example.com/forum/7?page=2');
  index.add(3, 'https://example.com/*');
  index.add(4, 'https://example.com/forum/7');
  index.add(5, 'https://example.com/forums/*');
  assert.deepEqual(index.search('https://example.com/forum/7?page=2', 1), [
    { id: 2, distance: 0 },
    { id: 1, distance: 1 },
    { id: 3, distance: 1 },
  ]);
  assert.deepEqual(index.search('https://example.com/forum/7?page=2', 0), [{ id: 2, distance: 0 }]);
  assert.deepEqual(index.search('https://other.example/forum/7', 1), []);
  // A prefix query finds what lies beneath it.
  assert.deepEqual(index.search('https://example.com/forum/*', 1), [
    { id: 1, distance: 0 },
    { id: 2, distance: 1 },
    { id: 3, distance: 1 },
    { id: 4, distance: 1 },
  ]);
});

const HOSTS = ['https://a.example', 'https://b.example', 'https://a.example:8080'];
const SEGMENTS = ['x', 'y', 'xy', 'z%2F'];

/** A canonical url value: an exact URL (sometimes with a query) or a prefix entry, on a small tree. */
function randomValue(rng: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const path = Array.from({ length: Math.floor(rng() * 4) }, () => `/${pick(SEGMENTS)}`).join('');
  const r = rng();
  const value = r < 0.3 ? `${pick(HOSTS)}${path}/*` : `${pick(HOSTS)}${path || '/'}${r < 0.5 ? `?q=${Math.floor(rng() * 3)}` : ''}`;
  const canonical = canonicaliseUrl(value, { allowPrefix: true });
  assert.ok(canonical.ok && canonical.value.value === value, `${value} is canonical`);
  return value;
}

test('the index agrees with brute-force urlDistance, through removals and replacements', () => {
  const rng = seededRandom(41);
  const index = new UrlIndex();
  const values = new Map<number, string>();
  for (let id = 0; id < 400; id++) {
    const v = randomValue(rng);
    index.add(id, v);
    values.set(id, v);
  }
  const check = () => {
    assert.equal(index.size, values.size);
    for (let i = 0; i < 200; i++) {
      const q = randomValue(rng);
      for (const maxDistance of [0, 1]) {
        const expected = [...values]
          .map(([id, v]) => ({ id, distance: urlDistance(q, v) }))
          .filter((h) => h.distance <= maxDistance)
          .sort(compareHits);
        assert.deepEqual(index.search(q, maxDistance), expected, `${q} at ${maxDistance}`);
      }
    }
  };
  check();
  for (let id = 0; id < 400; id += 3) {
    assert.equal(index.remove(id), true);
    values.delete(id);
  }
  assert.equal(index.remove(0), false);
  for (let id = 1; id < 400; id += 7) {
    const v = randomValue(rng);
    index.add(id, v);
    values.set(id, v);
  }
  check();
  for (const id of [...values.keys()]) index.remove(id);
  assert.equal(index.size, 0);
  assert.deepEqual(index.search('https://a.example/*', 1), []);
});

runIndexContract({
  name: 'UrlIndex',
  create: () => new UrlIndex(),
  distance: urlDistance,
  randomValue: (r) => randomValue(() => r.next() / 4294967296),
  distances: [0, 1],
});
