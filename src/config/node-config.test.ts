import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPostgresUrl, parseNodeConfig, sqliteFile } from './node-config.js';

test('defaults give the embedded node on 127.0.0.1:7400 with SQLite in ./concord-data', () => {
  const c = parseNodeConfig({});
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 7400);
  assert.match(sqliteFile(c), /concord-data\/concord\.db$/);
  assert.ok(Object.isFrozen(c));
  assert.equal(c.disputeThreshold, 2);
  assert.equal(c.maxMatchBatch, 1000);
});

test('bad settings are refused with a coded error naming the field', () => {
  assert.throws(() => parseNodeConfig({ port: 'x' }), (e: any) => e.code === 'USAGE_INVALID' && /port/.test(e.message));
  assert.throws(() => parseNodeConfig({ maxBodyBytes: -1 }), (e: any) => e.code === 'USAGE_INVALID');
  assert.throws(() => parseNodeConfig({ unknownSetting: 1 }), (e: any) => e.code === 'USAGE_INVALID' && /unknownSetting/.test(e.message));
});

test('a postgres URL selects PostgreSQL', () => {
  assert.ok(isPostgresUrl('postgres://u@127.0.0.1/db'));
  assert.ok(!isPostgresUrl('/var/lib/concord.db'));
});

test('decoding limits are sized from the core count, and the upload budget admits at least one largest file', async () => {
  const { availableParallelism } = await import('node:os');
  const c = parseNodeConfig({});
  assert.equal(c.decodeConcurrency, availableParallelism());
  assert.equal(c.decodeQueue, 4 * availableParallelism());
  assert.ok(c.uploadBudgetBytes >= c.maxFileBytes);
  assert.equal(c.pdfWorkers, 2);
  assert.throws(() => parseNodeConfig({ decodeConcurrency: 0 }), (e: any) => e.code === 'USAGE_INVALID' && /decodeConcurrency/.test(e.message));
});
