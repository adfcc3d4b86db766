import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixedClock } from '../util/clock.js';
import { EvidenceStore } from './evidence-store.js';

test('evidence is kept content-addressed by SHA-256 and deleted once older than the retention period', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'concord-evidence-')), 'evidence');
  const clock = fixedClock('2026-03-01T00:00:00.000Z');
  const store = new EvidenceStore(dir, 10 * 86_400_000, clock);
  const a = Buffer.from('first file');
  const sha = await store.keep(a);
  assert.equal(sha, createHash('sha256').update(a).digest('hex'));
  assert.deepEqual(readFileSync(join(dir, sha)), a);
  assert.equal(await store.keep(a), sha, 'the same bytes are stored once');
  clock.advance(6 * 86_400_000);
  const b = await store.keep(Buffer.from('second file'));
  assert.equal(await store.expire(), 0);
  clock.advance(5 * 86_400_000);
  assert.equal(await store.expire(), 1);
  assert.equal(existsSync(join(dir, sha)), false);
  assert.deepEqual(readdirSync(dir), [b]);
});
