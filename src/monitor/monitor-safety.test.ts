import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../testing/repo-root.js';
import { classifyAddress } from './address-guard.js';
import { isAllowed, parseRobots } from './robots.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const KNOWN_IMAGE = readFileSync(join(repoRoot(), 'samples', 'images', 'bridge-original.jpg'));
const DAY = 24 * 60 * 60_000;

test('the block list: private, loopback, link-local and special-use addresses in IPv4, IPv6 and IPv4-mapped form', () => {
  for (const ip of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1', 'fc00::1', 'fd12::1', 'fe80::1', 'ff02::1', '::', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1']) {
    assert.equal(classifyAddress(ip), 'special', ip);
  }
  for (const ip of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) assert.equal(classifyAddress(ip), 'loopback', ip);
  for (const ip of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:5db8:d822']) assert.equal(classifyAddress(ip), 'public', ip);
});

test('robots.txt: our group over *, the longest rule wins, Allow on a tie, * and $ patterns', () => {
  const rules = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: ConcordMonitor\nDisallow: /private/\nAllow: /private/ok\nDisallow: /*.pdf$\n', 'ConcordMonitor');
  assert.equal(isAllowed(rules, '/public'), true);
  assert.equal(isAllowed(rules, '/private/x'), false);
  assert.equal(isAllowed(rules, '/private/ok/1'), true);
  assert.equal(isAllowed(rules, '/a/b.pdf'), false);
  assert.equal(isAllowed(rules, '/a/b.pdf?x'), true);
  assert.equal(isAllowed(parseRobots('User-agent: *\nDisallow: /', 'ConcordMonitor'), '/x'), false);
});

describe('fetching politely and safely', () => {
  let t: MonitorTestNode;
  let site: TestSite;
  let base: string;

  before(async () => {
    // One resource at a time, so the server sees requests at the virtual times the pacer chose.
    t = await startMonitorNode({ concurrency: 1, perHostIntervalMs: 1000, maxPageBytes: 1024 * 1024, maxMediaBytes: 2 * 1024 * 1024, timeoutMs: 1500, maxRedirects: 3 });
    site = new TestSite(t.clock);
    base = await site.start();
    await t.know(KNOWN_IMAGE, { types: ['pdq'] });
    site.set('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' });
  });
  after(async () => {
    await site?.stop();
    await t?.close();
  });

  const check = (id: number) => t.node.monitor.checkSource(id);

  test('robots.txt is honoured (SOURCE_ROBOTS_DISALLOWED, the page is never requested) and fetched once per host', async () => {
    site.set('/private/board', { body: '<html>secret</html>' });
    const id = await addSource(t, { url: `${base}/private/board`, kind: 'html', intervalMs: DAY });
    const report = await check(id);
    assert.equal(report.error?.code, 'SOURCE_ROBOTS_DISALLOWED');
    assert.equal(site.hits('/private/board'), 0);
    await check(id);
    assert.equal(site.hits('/robots.txt'), 1, 'robots.txt is cached per host');
    const sources = (await t.call('GET', '/v1/sources', t.admin)).json.sources;
    assert.match(sources.find((s: any) => s.id === id).lastError, /^SOURCE_ROBOTS_DISALLOWED: /);
  });

  test('one request per host per interval: spaced by the injected clock, waited out without sleeping', async () => {
    site.set('/gallery', { body: `<html>${[1, 2, 3, 4].map((i) => `<img src="/g/${i}.jpg">`).join('')}</html>` });
    for (const i of [1, 2, 3, 4]) site.set(`/g/${i}.jpg`, { body: KNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/gallery`, kind: 'html', intervalMs: DAY });
    const first = site.requests.length;
    const started = Date.now();
    const report = await check(id);
    assert.equal(report.error, null);
    assert.equal(report.media, 4);
    const times = site.requests.slice(first).map((r) => r.at);
    assert.equal(times.length, 5);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000, `requests ${i - 1} and ${i} are ${times[i]! - times[i - 1]!} ms apart`);
    assert.ok(t.waits.length >= 4 && t.waits.every((w) => w > 0 && w <= 4000), JSON.stringify(t.waits));
    assert.ok(Date.now() - started < 20_000);
  });

  test('redirects: followed up to the limit, then SOURCE_REDIRECT_LIMIT', async () => {
    for (let i = 0; i < 6; i++) site.set(`/hop/${i}`, { status: 302, headers: { location: `/hop/${i + 1}` } });
    site.set('/hop/6', { body: '<html>end</html>' });
    const id = await addSource(t, { url: `${base}/hop/0`, kind: 'html', intervalMs: DAY });
    assert.equal((await check(id)).error?.code, 'SOURCE_REDIRECT_LIMIT');
    assert.equal(site.hits('/hop/4'), 0);
    site.set('/hop/ok', { status: 301, headers: { location: '/hop/6' } });
    const ok = await addSource(t, { url: `${base}/hop/ok`, kind: 'html', intervalMs: DAY });
    assert.equal((await check(ok)).error, null);
  });

  test('a redirect off the source\'s host is refused with SOURCE_HOST_REFUSED before the other host is asked anything', async () => {
    const elsewhere = new TestSite(t.clock);
    const other = await elsewhere.start();
    try {
      elsewhere.set('/page', { body: '<html>elsewhere</html>' });
      site.set('/moved', { status: 301, headers: { location: `${other}/page` } });
      const id = await addSource(t, { url: `${base}/moved`, kind: 'html', intervalMs: DAY });
      const report = await check(id);
      assert.equal(report.error?.code, 'SOURCE_HOST_REFUSED');
      assert.equal(elsewhere.requests.length, 0, 'not even its robots.txt');
    } finally {
      await elsewhere.stop();
    }
  });

  test('a media redirect may lead to a media host the page links to, never to a host it does not', async () => {
    const [cdn, stranger] = [new TestSite(t.clock), new TestSite(t.clock)];
    const [cdnBase, strangerBase] = [await cdn.start(), await stranger.start()];
    try {
      cdn.set('/a.jpg', { body: KNOWN_IMAGE }).set('/shown.jpg', { body: KNOWN_IMAGE });
      stranger.set('/b.jpg', { body: KNOWN_IMAGE });
      site
        .set('/redirecting-media', { body: `<html><img src="/m/1.jpg"><img src="/m/2.jpg"><img src="${cdnBase}/shown.jpg"></html>` })
        .set('/m/1.jpg', { status: 302, headers: { location: `${cdnBase}/a.jpg` } })
        .set('/m/2.jpg', { status: 302, headers: { location: `${strangerBase}/b.jpg` } });
      const id = await addSource(t, { url: `${base}/redirecting-media`, kind: 'html', intervalMs: DAY });
      const report = await check(id);
      assert.equal(report.error, null);
      assert.deepEqual(report.errors.map((e) => [e.url.replace(base, ''), e.code]), [['/m/2.jpg', 'SOURCE_HOST_REFUSED']]);
      assert.equal(cdn.hits('/a.jpg'), 1, 'the linked media host is in scope');
      assert.equal(stranger.requests.length, 0);
      const finds = (await t.call('GET', `/v1/finds?sourceId=${id}`, t.admin)).json.finds.map((f: any) => f.url.replace(base, '').replace(cdnBase, 'cdn'));
      assert.deepEqual(finds.sort(), ['/m/1.jpg', 'cdn/shown.jpg']);
    } finally {
      await Promise.all([cdn.stop(), stranger.stop()]);
    }
  });

  test('a robots.txt that redirects within its site (another path, another port as http to https) is followed; off the site it counts as missing', async () => {
    const [moved, secure, offsite] = [new TestSite(t.clock), new TestSite(t.clock), new TestSite(t.clock)];
    const [movedBase, secureBase, offsiteBase] = [await moved.start(), await secure.start(), await offsite.start()];
    try {
      // Same host, another path: its rules apply.
      moved.set('/robots.txt', { status: 301, headers: { location: '/meta/robots.txt' } }).set('/meta/robots.txt', { body: 'User-agent: *\nDisallow: /members/\n' }).set('/members/board', { body: '<html>x</html>' });
      const a = await addSource(t, { url: `${movedBase}/members/board`, kind: 'html', intervalMs: DAY });
      assert.equal((await check(a)).error?.code, 'SOURCE_ROBOTS_DISALLOWED');
      assert.equal(moved.hits('/members/board'), 0);
      // The same host name on another port (as http://site to https://site): followed, its rules apply.
      offsite.set('/robots.txt', { status: 302, headers: { location: `${secureBase}/robots.txt` } }).set('/closed/page', { body: '<html>x</html>' });
      secure.set('/robots.txt', { body: 'User-agent: ConcordMonitor\nDisallow: /closed/\n' });
      const b = await addSource(t, { url: `${offsiteBase}/closed/page`, kind: 'html', intervalMs: DAY });
      assert.equal((await check(b)).error?.code, 'SOURCE_ROBOTS_DISALLOWED');
      assert.equal(secure.hits('/robots.txt'), 1);
      assert.equal(offsite.hits('/closed/page'), 0);
      // To another site (localhost is another name than 127.0.0.1), or round in circles past the limit: not followed, so missing.
      const wanderer = new TestSite(t.clock);
      const wandererBase = await wanderer.start();
      try {
        wanderer.set('/robots.txt', { status: 301, headers: { location: `${secureBase.replace('127.0.0.1', 'localhost')}/robots.txt` } }).set('/open/page', { body: '<html>open</html>' });
        const c = await addSource(t, { url: `${wandererBase}/open/page`, kind: 'html', intervalMs: DAY });
        assert.equal((await check(c)).error, null);
        assert.equal(wanderer.hits('/open/page'), 1);
        assert.equal(secure.hits('/robots.txt'), 1, 'the other site was not asked');
      } finally {
        await wanderer.stop();
      }
      const circling = new TestSite(t.clock);
      const circlingBase = await circling.start();
      try {
        circling.set('/robots.txt', { status: 302, headers: { location: '/r/1' } }).set('/open/page', { body: '<html>open</html>' });
        for (let i = 1; i < 10; i++) circling.set(`/r/${i}`, { status: 302, headers: { location: `/r/${i + 1}` } });
        const d = await addSource(t, { url: `${circlingBase}/open/page`, kind: 'html', intervalMs: DAY });
        assert.equal((await check(d)).error, null);
        assert.equal(circling.requests.filter((r) => r.path.startsWith('/r/')).length, 3, 'maxRedirects (3 here) hops, then given up');
      } finally {
        await circling.stop();
      }
    } finally {
      await Promise.all([moved.stop(), secure.stop(), offsite.stop()]);
    }
  });

  for (const target of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.7/admin', 'http://[::ffff:192.168.0.1]/', 'http://[fd00::1]/']) {
    test(`a redirect to ${target} is refused with SOURCE_ADDRESS_REFUSED, even for a local test site`, async () => {
      const path = `/to-private/${encodeURIComponent(target)}`;
      site.set(path, { status: 302, headers: { location: target } });
      const id = await addSource(t, { url: `${base}${path}`, kind: 'html', intervalMs: DAY });
      assert.equal((await check(id)).error?.code, 'SOURCE_ADDRESS_REFUSED');
    });
  }

  test('a source on 127.0.0.1 that is not marked as a local test site is refused, and nothing is requested', async () => {
    const before = site.requests.length;
    for (const url of [`${base}/gallery`, base.replace('127.0.0.1', '[::ffff:127.0.0.1]') + '/gallery', base.replace('127.0.0.1', 'localhost') + '/gallery']) {
      const id = await addSource(t, { url, kind: 'html', localTestSite: false, intervalMs: DAY });
      assert.equal((await check(id)).error?.code, 'SOURCE_ADDRESS_REFUSED', url);
    }
    assert.equal(site.requests.length, before);
  });

  const hostile: [string, string, (site: TestSite, path: string) => void][] = [
    ['a gzip bomb', 'SOURCE_DECOMPRESSION_LIMIT', (s, p) => s.set(p, { headers: { 'content-encoding': 'gzip', 'content-type': 'text/html' }, body: gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)) })],
    [
      'an endless body',
      'SOURCE_TOO_LARGE',
      (s, p) =>
        s.set(p, {
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/html' });
            const chunk = Buffer.alloc(64 * 1024, 0x41);
            const pump = () => {
              while (res.write(chunk));
              if (!res.destroyed) res.once('drain', pump);
            };
            res.on('close', () => res.removeAllListeners('drain'));
            pump();
          },
        }),
    ],
    [
      'a body that trickles past the deadline',
      'SOURCE_TIMEOUT',
      (s, p) =>
        s.set(p, {
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/html' });
            const timer = setInterval(() => res.write('<p>'), 100);
            res.on('close', () => clearInterval(timer));
          },
        }),
    ],
    ['a JPEG where a feed should be (served as application/rss+xml)', 'SOURCE_CONTENT_MISMATCH', (s, p) => s.set(p, { headers: { 'content-type': 'application/rss+xml' }, body: KNOWN_IMAGE })],
    ['a malformed feed', 'SOURCE_FEED_MALFORMED', (s, p) => s.set(p, { headers: { 'content-type': 'application/rss+xml' }, body: '<?xml version="1.0"?><rss><channel><item><link>http://x/</link></item>' })],
    ['an HTTP error', 'SOURCE_HTTP_ERROR', (s, p) => s.set(p, { status: 500, body: 'stack trace' })],
  ];

  test('hostile answers each fail with their code, and a round of the monitor still checks the next source', async () => {
    // Sources already added above are not due today: only these are.
    const ids: { id: number; expected: string; what: string }[] = [];
    for (const [i, [what, expected, serve]] of hostile.entries()) {
      const path = `/hostile/${i}`;
      serve(site, path);
      ids.push({ id: await addSource(t, { url: `${base}${path}`, kind: expected === 'SOURCE_CONTENT_MISMATCH' || expected === 'SOURCE_FEED_MALFORMED' ? 'feed' : 'html', intervalMs: DAY }), expected, what });
    }
    site.set('/good', { body: '<html><img src="/good.jpg"></html>' }).set('/good.jpg', { body: KNOWN_IMAGE });
    const good = await addSource(t, { url: `${base}/good`, kind: 'html', intervalMs: DAY });
    const round = await t.node.monitor.runDue();
    for (const { id, expected, what } of ids) {
      const report = round.checked.find((r) => r.sourceId === id);
      assert.equal(report?.error?.code, expected, what);
      assert.doesNotMatch(report!.error!.message, /stack trace/);
    }
    const last = round.checked.find((r) => r.sourceId === good)!;
    assert.equal(last.error, null);
    assert.equal(last.newFinds, 1);
  });

  test('hostile media linked from a page is recorded per URL, and the page\'s other media are still hashed', async () => {
    site
      .set('/mixed', { body: '<html><img src="/bomb.png"><img src="/fake.jpg"><img src="/real.jpg"></html>' })
      .set('/bomb.png', { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(16 * 1024 * 1024)) })
      .set('/fake.jpg', { headers: { 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]) })
      .set('/real.jpg', { body: KNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/mixed`, kind: 'html', intervalMs: DAY });
    const report = await check(id);
    assert.equal(report.error, null);
    assert.deepEqual(report.errors.map((e) => [e.url.replace(base, ''), e.code]).sort(), [['/bomb.png', 'SOURCE_DECOMPRESSION_LIMIT'], ['/fake.jpg', 'MEDIA_CORRUPT']]);
    assert.equal(report.newFinds, 1);
  });
});
