import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { flipHexBits, randomHashHex, XorShift128 } from '../index/hash256-random.js';
import { hexHamming } from '../signals/hex-hamming.js';
import { defaultRegistry } from '../signals/default-registry.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import { IndexService } from './index-service.js';

const actor = { partner: 'p', keyId: null };
const ACTIVE = new Set(['active'] as const);

test('an index built in bulk from the store, then followed, answers like brute force', async () => {
  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'concord-idx-')), 'c.db'));
  await store.createPartner({ id: 'p', name: 'P', kind: 'self' }, actor);
  const bank = await store.createBank({ name: 'b', description: '' }, actor);
  const rng = new XorShift128(3);
  const values: string[] = [];
  for (let i = 0; i < 3000; i++) values.push(i % 3 === 0 && values.length ? flipHexBits(rng, values[rng.below(values.length)]!, rng.below(40)) : randomHashHex(rng));
  const unique = [...new Set(values)];
  const first = await store.addSignals(bank.id, unique.slice(0, 2500).map((value) => ({ type: 'pdq', value, label: 'perpetrator_content' as const, reason: 'r', distribution: 'local' as const })), actor);
  await store.addSignals(bank.id, [{ type: 'md5', value: 'a'.repeat(32), label: 'perpetrator_content', reason: 'r', distribution: 'local' }], actor);
  await store.retractSignal(first[7]!.id, 'wrong', actor);

  const index = new IndexService(defaultRegistry(), store);
  const loaded = await index.load();
  assert.equal(loaded.signals, 2501);
  // Writes after start-up arrive through the change log.
  await store.addSignals(bank.id, unique.slice(2500).map((value) => ({ type: 'pdq', value, label: 'perpetrator_content' as const, reason: 'r', distribution: 'local' as const })), actor);
  await index.catchUp();
  assert.deepEqual(index.sizes(), { pdq: unique.length, md5: 1 });

  const all = await store.scanIndexRows(0, 100_000);
  for (let q = 0; q < 200; q++) {
    const query = flipHexBits(rng, unique[rng.below(unique.length)]!, rng.below(32));
    const expected = all.filter((r) => r.type === 'pdq' && r.status === 'active' && hexHamming(query, r.value) <= 31).map((r) => r.id).sort((a, b) => a - b);
    const got = index.search('pdq', query, 31, ACTIVE).map((h) => h.id).sort((a, b) => a - b);
    assert.deepEqual(got, expected);
  }
  assert.deepEqual(index.search('pdq', unique[7]!, 0, ACTIVE), []);
  assert.equal(index.search('pdq', unique[7]!, 0, new Set(['retracted'] as const)).length, 1);
  await store.close();
});

test('a snapshot restores the index, the change log brings it up to date, and another store’s snapshot is ignored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-snap-'));
  const snapshot = join(dir, 'index-snapshot.bin');
  const store = await openSqliteStore(join(dir, 'c.db'));
  await store.createPartner({ id: 'p', name: 'P', kind: 'self' }, actor);
  const bank = await store.createBank({ name: 'b', description: '' }, actor);
  const rng = new XorShift128(9);
  const add = (n: number) =>
    store.addSignals(bank.id, Array.from({ length: n }, () => ({ type: 'pdq', value: randomHashHex(rng), label: 'perpetrator_content' as const, reason: 'r', distribution: 'local' as const })), actor);
  const first = await add(500);
  const cold = await new IndexService(defaultRegistry(), store).load(snapshot);
  assert.equal(cold.from, 'store');

  // After the snapshot: new signals and a retraction of an old one.
  const later = await add(100);
  await store.retractSignal(first[3]!.id, 'wrong', actor);
  const warm = new IndexService(defaultRegistry(), store);
  const loaded = await warm.load(snapshot);
  assert.equal(loaded.from, 'snapshot');
  assert.equal(loaded.signals, 600);
  assert.equal(warm.search('pdq', later[50]!.value, 0, ACTIVE).length, 1);
  assert.deepEqual(warm.search('pdq', first[3]!.value, 0, ACTIVE), []);
  assert.equal(warm.search('pdq', first[3]!.value, 0, new Set(['retracted'] as const)).length, 1);

  // A small catch-up leaves the snapshot as it was; the next start catches up again.
  const again = new IndexService(defaultRegistry(), store);
  assert.equal((await again.load(snapshot)).signals, 600);

  const other = await openSqliteStore(join(dir, 'other.db'));
  assert.equal((await new IndexService(defaultRegistry(), other).load(snapshot)).from, 'store');
  await other.close();
  await store.close();
});
