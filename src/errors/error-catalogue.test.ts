import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { ConcordError } from './concord-error.js';
import { ERROR_CATALOGUE } from './error-catalogue.js';
import { ExitCode } from './exit-code.js';

const doc = () => readFileSync(join(repoRoot(), 'docs', 'errors.md'), 'utf8');

test('docs/errors.md lists exactly the catalogue codes, with their HTTP status and CLI exit code', () => {
  const documented = new Map<string, { status: number; exit: number }>();
  for (const m of doc().matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \| (\d) \|/gm)) documented.set(m[1]!, { status: Number(m[2]), exit: Number(m[3]) });
  const catalogue = new Map(Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, { status: e.status as number, exit: e.exit as number }]));
  assert.deepEqual([...documented.keys()].sort(), [...catalogue.keys()].sort());
  for (const [code, entry] of catalogue) assert.deepEqual(documented.get(code), entry, `status and exit of ${code}`);
});

test('docs/errors.md explains every exit code the enum has', () => {
  const rows = new Set([...doc().matchAll(/^\| (\d) \| /gm)].map((m) => Number(m[1])));
  assert.deepEqual([...rows].sort(), Object.values(ExitCode).sort());
});

test('the exit code comes from the catalogue entry, not from the HTTP status', () => {
  // Same HTTP status 500, three different exits: the status alone could not tell them apart.
  assert.equal(new ConcordError('INTERNAL').exit, ExitCode.INTERNAL);
  assert.equal(new ConcordError('AUDIT_CHAIN_BROKEN').exit, ExitCode.INTEGRITY);
  assert.equal(new ConcordError('NODE_KEY_MISMATCH').exit, ExitCode.USAGE);
  // 502 and 503 are both a failed dependency.
  assert.equal(new ConcordError('FEED_REJECTED').exit, ExitCode.DEPENDENCY);
  assert.equal(new ConcordError('STORE_UNAVAILABLE').exit, ExitCode.DEPENDENCY);
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    const exit: number = entry.exit;
    assert.ok(exit !== ExitCode.OK && exit !== ExitCode.INPUT_FAILED, `${code}: an error stopping a command never exits 0 or 1`);
  }
});
