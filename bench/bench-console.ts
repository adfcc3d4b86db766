/**
 * bench console: the web console's size and first view, on loopback against a real node.
 *
 * 1. Initial bundle: the gzip size of the JS and CSS index.html loads (budget 300 KB).
 * 2. First view, cold (fresh browser context, empty cache), median of N runs:
 *    - console: navigation until the dashboard's first figures are on screen for a key
 *      already in the session (the page, its bundle, the dashboard chunk, /v1/me, /healthz);
 *    - comparison: the node's own API page (/docs, Swagger UI) until its operations list is drawn.
 *    Target: the console under 1 s.
 *
 *   npm run bench:console -- --runs 9
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { initialAssets } from '../src/api/console/console-files.js';
import { NodeProcess } from '../src/testing/node-process.js';
import { packageRoot } from '../src/util/package-root.js';
import { quantile } from './quantile.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 9) || 9;
const web = join(packageRoot(), 'dist', 'web');
const initial = initialAssets(readFileSync(join(web, 'index.html'), 'utf8'));
const gzipBytes = initial.reduce((sum, n) => sum + gzipSync(readFileSync(join(web, 'assets', n)), { level: 9 }).length, 0);
console.log(`initial bundle: ${initial.join(', ')}: ${(gzipBytes / 1024).toFixed(1)} KB gzip (budget 300 KB)`);

const node = await NodeProcess.start(mkdtempSync(join(tmpdir(), 'concord-bench-console-')));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const key = node.adminKey();

async function firstView(url: string, ready: string, withKey: boolean): Promise<number> {
  const ctx = await browser.newContext({ baseURL: node.url });
  if (withKey) await ctx.addInitScript(`sessionStorage.setItem('concord.apiKey', ${JSON.stringify(key)})`);
  const page = await ctx.newPage();
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor();
  const ms = performance.now() - start;
  await ctx.close();
  return ms;
}

const consoleMs: number[] = [];
const docsMs: number[] = [];
await firstView('/', 'main table', true); // warm the node's process (JIT), not the browser's cache
await firstView('/docs', '.opblock', false);
for (let i = 0; i < runs; i++) {
  consoleMs.push(await firstView('/', 'main table', true));
  docsMs.push(await firstView('/docs', '.opblock', false));
}
await browser.close();
await node.kill('SIGTERM');

consoleMs.sort((a, b) => a - b);
docsMs.sort((a, b) => a - b);
const med = (xs: number[]) => quantile(xs, 0.5);
const spread = (xs: number[]) => `p10 ${quantile(xs, 0.1).toFixed(0)} – p90 ${quantile(xs, 0.9).toFixed(0)} ms`;
console.log(`first view, console dashboard: median ${med(consoleMs).toFixed(0)} ms (${spread(consoleMs)}), target < 1000 ms`);
console.log(`first view, /docs (Swagger UI): median ${med(docsMs).toFixed(0)} ms (${spread(docsMs)})`);
console.log(`ratio console / docs: ${(med(consoleMs) / med(docsMs)).toFixed(2)}`);

const out = join(packageRoot(), 'bench', 'results');
mkdirSync(out, { recursive: true });
const report = { bench: 'console', at: new Date().toISOString(), runs, initialBundle: { files: initial, gzipBytes }, firstViewMs: { console: consoleMs, docs: docsMs, consoleMedian: med(consoleMs), docsMedian: med(docsMs) } };
writeFileSync(join(out, 'console.json'), JSON.stringify(report, null, 2));
