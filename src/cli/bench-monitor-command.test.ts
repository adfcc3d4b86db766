import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from '../testing/repo-root.js';

test('concord bench monitor runs the monitor benchmark at the size asked and writes its figures as JSON', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'concord-bench-monitor-')), 'monitor.json');
  const run = await promisify(execFile)(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), 'bench', 'monitor', '--sources', '2', '--pages', '3', '--images', '4', '--rechecks', '1', '--out', out], { timeout: 120_000 });
  assert.match(run.stdout, /pages\/s/);
  assert.match(run.stdout, /media\/s/);
  assert.match(run.stdout, /% of the first pass/);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(result.site, { sources: 2, pages: 6, media: 12, distinctImages: 4, knownImages: 4 });
  // The two boards and their six threads; twelve photo links, of four distinct photos.
  assert.equal(result.firstPass.requests > 0, true);
  assert.ok(result.firstPass.pagesPerSecond > 0 && result.firstPass.mediaPerSecond > 0);
  assert.deepEqual(Object.keys(result.firstPass.timeSharePercent).sort(), ['decode', 'fetch', 'hash', 'match']);
  const shares = Object.values(result.firstPass.timeSharePercent) as number[];
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.1);
  assert.equal(typeof result.recheckToFirstRatio, 'number');
  assert.equal(result.recheck.notModified, 2 + 6 + 12, 'the re-check of the unchanged site is all 304s');
  assert.ok(result.firstPass.finds >= 12, 'every photo link is a find: all four photos are known');
});
