import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readIndexSnapshot, writeIndexSnapshot } from './index-snapshot.js';

test('a snapshot round-trips every value across chunk boundaries, and refuses another store’s', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'concord-snapfile-')), 'snap.bin');
  const n = 250_003; // over two 100,000-value chunks, and not a multiple
  const ids = Uint32Array.from({ length: n }, (_, i) => i * 3 + 1);
  const values = Array.from({ length: n }, (_, i) => `${i.toString(16).padStart(64, 'a')}`);
  const status = Uint8Array.from({ length: n * 3 + 2 }, (_, i) => i % 5);
  writeIndexSnapshot(path, { instance: 'store-1', changeSeq: 42, byType: new Map([['pdq', { ids, values }], ['url', { ids: Uint32Array.of(9), values: ['https://example.org/ä,x'] }]]), status });
  const back = readIndexSnapshot(path, 'store-1');
  assert.ok(back);
  assert.equal(back.changeSeq, 42);
  assert.deepEqual(back.byType.get('pdq')!.values, values);
  assert.deepEqual([...back.byType.get('pdq')!.ids], [...ids]);
  assert.deepEqual(back.byType.get('url')!.values, ['https://example.org/ä,x']);
  assert.deepEqual(back.status, status);
  assert.equal(readIndexSnapshot(path, 'store-2'), undefined);
});
