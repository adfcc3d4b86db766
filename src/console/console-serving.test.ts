import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from '../api/api-test-node.test-helper.js';
import { initialAssets } from '../api/console/console-files.js';
import { packageRoot } from '../util/package-root.js';

/** How the node serves the built console: headers, client routes, and the initial bundle's size. */
const WEB = join(packageRoot(), 'dist', 'web');
const BUDGET_GZIP_BYTES = 300 * 1024;


describe('console serving', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode();
  });
  after(async () => t.node.close());

  test('the page has a strict CSP, is not cached, and holds no inline script or style', async () => {
    const res = await t.node.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers['content-security-policy']);
    for (const part of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) assert.ok(csp.includes(part), csp);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    // Every <script> has a src, and there is no inline handler or style attribute.
    for (const tag of res.body.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc="\/assets\//);
    assert.doesNotMatch(res.body, /<script\b[^>]*>[^<]+<\/script>|\son[a-z]+=|<style|\sstyle=/i);
  });

  test('hashed assets are cached for a year; an unknown asset is a 404', async () => {
    const [name] = initialAssets(readFileSync(join(WEB, 'index.html'), 'utf8'));
    const res = await t.node.app.inject({ method: 'GET', url: `/assets/${name}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(res.headers['content-type']), /javascript|css/);
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/assets/../../package.json' })).statusCode, 404);
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/assets/nothing.js' })).statusCode, 404);
  });

  test('client routes get the page; API paths keep their JSON answers', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const page = await t.node.app.inject({ method: 'GET', url: '/signals/42?x=1', headers: html });
    assert.equal(page.statusCode, 200);
    assert.ok(page.headers['content-security-policy']);
    for (const url of ['/v1/nothing', '/v1', '/taxii2/nothing', '/docs/nothing.js', '/assets/x.js']) {
      const res = await t.node.app.inject({ method: 'GET', url, headers: html });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'NOT_FOUND', url);
    }
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/healthz', headers: html })).json().status, 'ok');
    // A client that asks for JSON gets JSON, even on a path that is not the API's.
    assert.equal((await t.node.app.inject({ method: 'GET', url: '/nowhere', headers: { accept: 'application/json' } })).statusCode, 404);
  });

  test(`the initial bundle (JS and CSS index.html loads) is at most ${BUDGET_GZIP_BYTES / 1024} KB gzip`, () => {
    const initial = initialAssets(readFileSync(join(WEB, 'index.html'), 'utf8'));
    assert.ok(initial.some((n) => n.endsWith('.js')));
    const gzip = initial.reduce((sum, n) => sum + gzipSync(readFileSync(join(WEB, 'assets', n)), { level: 9 }).length, 0);
    assert.ok(gzip <= BUDGET_GZIP_BYTES, `${gzip} bytes gzip`);
    // The chart library is split off: only the charts load it.
    for (const chart of ['BarChart-', 'SeriesChart-']) assert.ok(readdirSync(join(WEB, 'assets')).some((n) => n.startsWith(chart)), chart);
    // The library's code (its legend's class name), not merely the chunk's file name the loader map lists.
    for (const n of initial) assert.doesNotMatch(readFileSync(join(WEB, 'assets', n), 'utf8'), /u-legend/);
  });
});
