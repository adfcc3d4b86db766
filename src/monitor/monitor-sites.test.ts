import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { SKIP_NO_FFMPEG } from '../testing/test-ffmpeg.js';
import { tinyPdf } from '../testing/tiny-pdf.js';
import { removalStats } from './removal-stats.js';
import { addSource, CONTACT, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const DAY = 24 * 60 * 60_000;
const file = (...p: string[]) => readFileSync(join(repoRoot(), ...p));
const KNOWN_IMAGE = file('samples', 'images', 'bridge-original.jpg');
// The same photo re-encoded smaller: known by its PDQ hash only, under a URL nobody listed.
const KNOWN_VARIANT = file('samples', 'images', 'bridge-shrunk.jpg');
const UNKNOWN_IMAGE = file('samples', 'images', 'unrelated-scene.jpg');
const UNKNOWN_IMAGE_2 = file('samples', 'images', 'unrelated-street.jpg');
const MANIFESTO = file('test', 'fixtures', 'text', 'en.txt').toString('utf8');
const KNOWN_PDF = tinyPdf([MANIFESTO.slice(0, 1000), MANIFESTO.slice(1000, 2000)]);
const KNOWN_AUDIO = file('test', 'fixtures', 'vectors', 'audio', 'chromaprint-tests', 'test.mp3');

describe('the monitor on simulated public sites', () => {
  let t: MonitorTestNode;
  let site: TestSite;
  let base: string;
  let imageSignals: { id: number; type: string; uid: string }[];
  let pdfSignals: { id: number; type: string; uid: string }[];

  before(async () => {
    t = await startMonitorNode({ removalCheckMs: 60 * 60_000 });
    site = new TestSite(t.clock);
    base = await site.start();
    imageSignals = await t.know(KNOWN_IMAGE, { types: ['pdq'] });
    pdfSignals = await t.know(KNOWN_PDF, { types: ['md5', 'sha256'], label: 'perpetrator_manifesto' });
  });
  after(async () => {
    await site?.stop();
    await t?.close();
  });

  const findsOf = async (sourceId: number) => (await t.call('GET', `/v1/finds?sourceId=${sourceId}`, t.admin)).json.finds as any[];

  test('a forum thread: the re-encoded known photo is found, the unknown one is not, and the other threads are not fetched at depth 1', async () => {
    site
      .set('/forum/thread-1', {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html><head><title>Thread</title><script>var x = "<img src='/never.jpg'>";</script></head><body>
          <div class="post"><p>look at this</p><img src="/uploads/a1.jpg" alt=""></div>
          <div class="post"><img srcset="/uploads/b2.jpg 1x, /uploads/b2.jpg 2x"></div>
          <a href="/forum/thread-2">next thread</a> <a href="https://elsewhere.example/x">elsewhere</a></body></html>`,
      })
      .set('/uploads/a1.jpg', { headers: { 'content-type': 'image/jpeg' }, body: KNOWN_VARIANT })
      .set('/uploads/b2.jpg', { headers: { 'content-type': 'image/jpeg' }, body: UNKNOWN_IMAGE })
      .set('/forum/thread-2', { headers: { 'content-type': 'text/html' }, body: '<html><img src="/uploads/c3.jpg"></html>' });
    const id = await addSource(t, { url: `${base}/forum/thread-1`, kind: 'html', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    assert.equal(report.pages, 1);
    assert.equal(report.media, 2);
    assert.equal(report.newFinds, 1);
    assert.equal(site.hits('/forum/thread-2'), 0, 'depth 1: linked pages are not fetched');
    assert.equal(site.hits('/never.jpg'), 0, 'script content is not read as markup');
    const finds = await findsOf(id);
    assert.equal(finds.length, 1);
    assert.equal(finds[0].url, `${base}/uploads/a1.jpg`);
    assert.deepEqual(finds[0].signals.map((s: any) => s.uid), imageSignals.map((s) => s.uid));
    assert.equal(finds[0].signals[0].type, 'pdq');
    assert.equal(finds[0].incidentId, null);
    assert.equal(finds[0].firstSeenAt, '2026-03-01T00:00:00.000Z');
    // The alert: raised once, into the node's alert store (GET /v1/alerts), about the find, with no person in it.
    const raised = (await t.alerts('monitor_find')).filter((a) => a.subject.id === String(finds[0].id));
    assert.equal(raised.length, 1);
    const alert = raised[0]!;
    assert.equal(alert.kind, 'monitor_find');
    assert.equal(alert.subject.type, 'source_find');
    assert.equal(alert.dedupeKey, `monitor_find:${finds[0].id}`);
    assert.deepEqual(alert.signalUids, imageSignals.map((s) => s.uid));
    assert.equal(alert.distribution, 'local', 'the known signals were added and never confirmed (four eyes): an alert naming them stays on the node');
    assert.equal(alert.incidentId, null);
    assert.equal(alert.details.url, `${base}/uploads/a1.jpg`);
    // Every request named Concord and the configured contact.
    for (const r of site.requests) assert.equal(r.headers['user-agent'], `ConcordMonitor/1.0 (+${CONTACT})`);
  });

  test('a second check of the unchanged thread costs conditional requests only: 304s, nothing hashed, no new find or alert', async () => {
    const id = (await t.call('GET', '/v1/sources', t.admin)).json.sources.find((s: any) => s.url.endsWith('/forum/thread-1')).id;
    const alerts = (await t.alerts()).length;
    const before = site.requests.length;
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    assert.equal(report.notModified, 3);
    assert.equal(report.pages + report.media, 0);
    assert.equal(report.bytes, 0);
    assert.equal(report.timings.hashMs + report.timings.decodeMs, 0);
    assert.equal(report.newFinds, 0);
    assert.equal((await t.alerts()).length, alerts);
    const sent = site.requests.slice(before).filter((r) => r.path !== '/robots.txt');
    assert.equal(sent.length, 3);
    for (const r of sent) assert.match(String(r.headers['if-none-match']), /^"[0-9a-f]{40}"$/);
  });

  test('an RSS feed: the known PDF enclosure is found by its digests, and a photo embedded in an item description is hashed too', async () => {
    site
      .set('/feed.xml', {
        headers: { 'content-type': 'application/rss+xml' },
        body: `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Releases</title>
          <item><title>Release 1</title><link>${base}/releases/1</link><enclosure url="${base}/files/release-1.pdf" type="application/pdf" length="1"/></item>
          <item><title>Release 2</title><link>${base}/releases/2</link><description><![CDATA[<p>new</p><img src="${base}/img/r2.jpg">]]></description></item>
          <item><title>Release 3</title><media:content url="${base}/img/r3.jpg"/></item>
        </channel></rss>`,
      })
      .set('/files/release-1.pdf', { headers: { 'content-type': 'application/octet-stream' }, body: KNOWN_PDF })
      .set('/img/r2.jpg', { body: UNKNOWN_IMAGE_2 })
      .set('/img/r3.jpg', { body: KNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/feed.xml`, kind: 'feed', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null, JSON.stringify(report.error));
    assert.equal(report.media, 3);
    const finds = await findsOf(id);
    assert.deepEqual(finds.map((f) => f.url).sort(), [`${base}/files/release-1.pdf`, `${base}/img/r3.jpg`]);
    const pdf = finds.find((f) => f.url.endsWith('.pdf'));
    assert.deepEqual(pdf.signals.map((s: any) => s.type).sort(), ['md5', 'sha256']);
    assert.equal(pdf.signals[0].label, 'perpetrator_manifesto');
    assert.equal(site.hits('/releases/1'), 0, 'item pages are not fetched at depth 1');
  });

  test('an ActivityPub outbox: the known audio attachment is found by its Chromaprint fingerprint', { skip: SKIP_NO_FFMPEG }, async () => {
    const audioSignals = await t.know(KNOWN_AUDIO, { types: ['audio_chromaprint'] });
    site
      .set('/users/outlet/outbox', {
        headers: { 'content-type': 'application/activity+json' },
        body: JSON.stringify({
          '@context': 'https://www.w3.org/ns/activitystreams',
          type: 'OrderedCollection',
          totalItems: 2,
          orderedItems: [
            { type: 'Create', object: { type: 'Note', url: `${base}/@outlet/1`, content: '<p>listen</p>', attachment: [{ type: 'Audio', mediaType: 'audio/mpeg', url: `${base}/media/nasheed.mp3` }] } },
            { type: 'Create', object: { type: 'Note', url: `${base}/@outlet/2`, content: '<p>photo</p>', attachment: [{ type: 'Image', url: [{ type: 'Link', href: `${base}/media/photo.jpg` }] }] } },
          ],
        }),
      })
      .set('/media/nasheed.mp3', { headers: { 'content-type': 'audio/mpeg' }, body: KNOWN_AUDIO })
      .set('/media/photo.jpg', { body: UNKNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/users/outlet/outbox`, kind: 'activitypub', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null, JSON.stringify(report.error));
    assert.equal(report.media, 2);
    const finds = await findsOf(id);
    assert.equal(finds.length, 1);
    assert.equal(finds[0].url, `${base}/media/nasheed.mp3`);
    assert.deepEqual(finds[0].signals.map((s: any) => s.uid), audioSignals.map((s) => s.uid));
  });

  test('a file locker page: download links are followed; a known file served as text/plain is still read by its bytes', async () => {
    site
      .set('/locker/f/Xy12', {
        headers: { 'content-type': 'text/html' },
        body: '<html><h1>release.pdf (12 KB)</h1><a class="btn" href="/locker/dl/Xy12/release.pdf">Download</a><a href="/locker/dl/Qq99/holiday.jpg">other</a></html>',
      })
      .set('/locker/dl/Xy12/release.pdf', { headers: { 'content-type': 'text/plain' }, body: KNOWN_PDF })
      .set('/locker/dl/Qq99/holiday.jpg', { headers: { 'content-type': 'image/jpeg' }, body: UNKNOWN_IMAGE_2 });
    const id = await addSource(t, { url: `${base}/locker/f/Xy12`, kind: 'html', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    const finds = await findsOf(id);
    assert.deepEqual(finds.map((f) => f.url), [`${base}/locker/dl/Xy12/release.pdf`]);
  });

  test('removal tracking: a find is re-checked on schedule until gone (404, or content that no longer matches), and the time to removal is recorded', async () => {
    const before = await t.call('GET', '/v1/finds?open=true', t.admin);
    const open = before.json.finds as any[];
    assert.ok(open.length >= 4);
    const image = open.find((f) => f.url.endsWith('/uploads/a1.jpg'));
    const pdf = open.find((f) => f.url.endsWith('/locker/dl/Xy12/release.pdf'));
    // Not yet due: nothing is re-checked.
    t.clock.advance(30 * 60_000);
    let round = await t.node.monitor.runDue();
    assert.equal(round.rechecked.present + round.rechecked.removed, 0);
    // The forum deletes the photo; the locker replaces the file with another one.
    site.set('/uploads/a1.jpg', { status: 404, body: 'gone' });
    site.set('/locker/dl/Xy12/release.pdf', { body: tinyPdf(['an unrelated file now lives here']) });
    t.clock.advance(31 * 60_000);
    round = await t.node.monitor.runDue();
    assert.equal(round.rechecked.removed, 2, JSON.stringify({ round, open, finds: (await t.call('GET', '/v1/finds', t.admin)).json.finds }));
    assert.ok(round.rechecked.present >= 2, 'the unchanged finds are still there');
    const gone = (await t.call('GET', `/v1/finds?open=false`, t.admin)).json.finds as any[];
    const goneImage = gone.find((f) => f.id === image.id);
    const gonePdf = gone.find((f) => f.id === pdf.id);
    assert.equal(goneImage.removal, 'gone');
    assert.equal(gonePdf.removal, 'no_longer_matches');
    assert.equal(Date.parse(goneImage.removedAt) - Date.parse(goneImage.firstSeenAt), 61 * 60_000);
    const removedAlerts = await t.alerts('monitor_find_removed');
    assert.deepEqual(removedAlerts.map((a) => a.subject.id).sort(), [String(image.id), String(pdf.id)].sort());
    // Removed finds are not re-checked again.
    t.clock.advance(2 * 60 * 60_000);
    const hits = site.hits('/uploads/a1.jpg');
    await t.node.monitor.runDue();
    assert.equal(site.hits('/uploads/a1.jpg'), hits);
    const stats = await removalStats(t.node.store.monitor, '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z');
    assert.equal(stats.removed, 2);
    assert.ok(stats.found >= 4);
    assert.equal(stats.medianMsToRemoval, 61 * 60_000);
    assert.equal(stats.p95MsToRemoval, 61 * 60_000);
  });

  test('a find whose content comes back after removal is a new find with its own alert', async () => {
    site.set('/uploads/a1.jpg', { body: KNOWN_VARIANT });
    const id = (await t.call('GET', '/v1/sources', t.admin)).json.sources.find((s: any) => s.url.endsWith('/forum/thread-1')).id;
    const alerts = (await t.alerts('monitor_find')).length;
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.newFinds, 1);
    assert.equal((await t.alerts('monitor_find')).length, alerts + 1);
  });
});
