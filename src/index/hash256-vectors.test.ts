import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HASH256_WORDS, hexToWords } from './hash256.js';
import { Hash256SignalIndex } from './hash256-signal-index.js';
import { LinearScanIndex } from './linear-scan-index.js';
import { MihIndex } from './mih-index.js';
import type { SignalIndex } from './signal-index.js';

function fixtureDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the test');
    dir = up;
  }
  return join(dir, 'test/fixtures/vectors/pdq/hashes');
}

const lines = (file: string): string[] => readFileSync(join(fixtureDir(), file), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const needles = lines('needles.txt');
const haystack = lines('haystack.txt');
const expected = lines('needles_x_haystack_le31.tsv')
  .filter((l) => !l.startsWith('#'))
  .map((l) => l.split('\t').map(Number).join('\t'))
  .sort();

function pairs(search: (needle: string) => { id: number; distance: number }[]): string[] {
  const found: string[] = [];
  needles.forEach((needle, n) => {
    for (const hit of search(needle)) found.push(`${n}\t${hit.id}\t${hit.distance}`);
  });
  return found.sort();
}

test('the vectors hold 100 needles, 1350 haystack hashes and 250 pairs within 31', () => {
  assert.equal(needles.length, 100);
  assert.equal(haystack.length, 1350);
  assert.equal(expected.length, 250);
});

const words = new Uint32Array(haystack.length * HASH256_WORDS);
haystack.forEach((hex, i) => hexToWords(hex, words, i * HASH256_WORDS));
const ids = Uint32Array.from(haystack.keys());

for (const [label, index] of [
  ['MihIndex (default)', MihIndex.build(words, ids, ids.length)],
  ['MihIndex (12 words, always probe)', MihIndex.build(words, ids, ids.length, { wordCount: 12, alwaysProbe: true })],
  ['MihIndex (16 words, always probe)', MihIndex.build(words, ids, ids.length, { wordCount: 16, alwaysProbe: true })],
  ['LinearScanIndex', LinearScanIndex.build(words, ids, ids.length)],
] as const) {
  test(`needles × haystack at d = 31: ${label} finds exactly the 250 listed pairs`, () => {
    const q = new Uint32Array(HASH256_WORDS);
    assert.deepEqual(pairs((needle) => (hexToWords(needle, q, 0), index.search(q, 0, 31))), expected);
  });
}

const adapters: [string, () => SignalIndex][] = [
  ['Hash256SignalIndex built by add', () => {
    const index = new Hash256SignalIndex({ mih: { alwaysProbe: true, minDelta: 100 } });
    haystack.forEach((hex, i) => index.add(i, hex));
    return index;
  }],
  ['Hash256SignalIndex.fromEntries', () => Hash256SignalIndex.fromEntries(haystack.map((hex, i) => [i, hex] as const))],
];
for (const [label, create] of adapters) {
  test(`needles × haystack at d = 31: ${label} finds exactly the 250 listed pairs`, () => {
    const index = create();
    assert.deepEqual(pairs((needle) => index.search(needle, 31)), expected);
  });
}
