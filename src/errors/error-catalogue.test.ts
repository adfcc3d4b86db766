import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { ERROR_CATALOGUE } from './error-catalogue.js';

test('docs/errors.md lists exactly the catalogue codes, with their HTTP status', () => {
  const doc = readFileSync(join(repoRoot(), 'docs', 'errors.md'), 'utf8');
  const documented = new Map<string, number>();
  for (const m of doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)) documented.set(m[1]!, Number(m[2]));
  const catalogue = new Map(Object.entries(ERROR_CATALOGUE).map(([code, e]) => [code, e.status as number]));
  assert.deepEqual([...documented.keys()].sort(), [...catalogue.keys()].sort());
  for (const [code, status] of catalogue) assert.equal(documented.get(code), status, `status of ${code}`);
});
