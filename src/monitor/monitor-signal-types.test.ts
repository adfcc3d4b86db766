import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { SKIP_NO_FFMPEG } from '../testing/test-ffmpeg.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const DAY = 24 * 60 * 60_000;
const file = (...p: string[]) => readFileSync(join(repoRoot(), ...p));
const KNOWN_IMAGE = file('samples', 'images', 'bridge-original.jpg');
const UNKNOWN_IMAGE = file('samples', 'images', 'unrelated-scene.jpg');
const MANIFESTO = file('test', 'fixtures', 'text', 'en.txt').toString('utf8').slice(0, 3000);
const VIDEO = file('test', 'fixtures', 'vectors', 'vpdq', 'videos', 'doorknob-hd-no-bar.mp4');

/** Serves bytes with no ETag or Last-Modified, as many sites do: every check reads them again. */
const withoutValidators = (body: Buffer | string) => ({
  handler: (_req: unknown, res: import('node:http').ServerResponse) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(200, { 'content-length': String(bytes.length) });
    res.end(bytes);
  },
});

describe('the monitor hashes page text, URLs and video, and keeps finds open while their content is there', () => {
  let t: MonitorTestNode;
  let site: TestSite;
  let base: string;

  before(async () => {
    t = await startMonitorNode({ removalCheckMs: 60 * 60_000 });
    site = new TestSite(t.clock);
    base = await site.start();
  });
  after(async () => {
    await site?.stop();
    await t?.close();
  });

  const findsOf = async (sourceId: number) => (await t.call('GET', `/v1/finds?sourceId=${sourceId}`, t.admin)).json.finds as any[];
  const removedAlertsFor = async (findId: number) => (await t.alerts('monitor_find_removed')).filter((a) => a.subject.id === String(findId));

  test('page text: a known manifesto posted in a thread is found at the page by its text signal', async () => {
    const known = await t.know(Buffer.from(MANIFESTO), { as: 'text', types: ['text_minhash'], label: 'perpetrator_manifesto' });
    site.set('/board/thread-12', { body: `<!doctype html><html><head><title>Thread 12</title></head><body><h1>Thread 12</h1><div class="post"><p>${MANIFESTO.replace(/\n\n/g, '</p><p>')}</p></div></body></html>` });
    const id = await addSource(t, { url: `${base}/board/thread-12`, kind: 'html', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    const finds = await findsOf(id);
    assert.deepEqual(finds.map((f) => f.url), [`${base}/board/thread-12`]);
    assert.deepEqual(finds[0].signals.map((s: any) => [s.uid, s.type]), known.map((s) => [s.uid, 'text_minhash']));
    assert.equal((await t.alerts('monitor_find')).filter((a) => a.subject.id === String(finds[0].id)).length, 1);
  });

  test('a URL known as such: the find is at that URL, and it stays open while the URL answers, also on a site without ETags whose bytes match nothing', async () => {
    const listed = `${base}/cdn/banner-77.jpg`;
    const known = await t.know(Buffer.from(listed), { as: 'url', types: ['url'] });
    site.set('/outlet', withoutValidators('<html><p>latest</p><img src="/cdn/banner-77.jpg"></html>')).set('/cdn/banner-77.jpg', withoutValidators(UNKNOWN_IMAGE));
    const id = await addSource(t, { url: `${base}/outlet`, kind: 'html', intervalMs: DAY });
    const first = await t.node.monitor.checkSource(id);
    assert.equal(first.error, null);
    assert.equal(first.newFinds, 1);
    assert.equal(first.finds, 1, 'seen by its link and by its bytes: one find');
    const [find] = await findsOf(id);
    assert.equal(find.url, listed);
    assert.deepEqual(find.signals.map((s: any) => [s.uid, s.type]), known.map((s) => [s.uid, 'url']));
    t.clock.advance(DAY);
    const second = await t.node.monitor.checkSource(id);
    assert.equal(second.media, 1, 'read again: no validators');
    assert.equal(second.newFinds, 0);
    const again = await findsOf(id);
    assert.deepEqual(again.map((f) => [f.id, f.removedAt]), [[find.id, null]], 'the URL still answers: the find stays open');
    assert.deepEqual(await removedAlertsFor(find.id), []);
    // Removal tracking agrees: the URL answering is the content being there.
    t.clock.advance(2 * 60 * 60_000);
    const round = await t.node.monitor.runDue();
    assert.ok(round.rechecked.present >= 1);
    assert.equal((await findsOf(id))[0].removedAt, null);
  });

  test('a thread that changes (a new post) does not close the finds of its media that did not', async () => {
    await t.know(KNOWN_IMAGE, { types: ['pdq'] });
    site.set('/board/thread-30', { body: '<html><div class="post"><img src="/up/30.jpg"></div></html>' }).set('/up/30.jpg', { body: KNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/board/thread-30`, kind: 'html', intervalMs: DAY });
    assert.equal((await t.node.monitor.checkSource(id)).newFinds, 1);
    const [find] = await findsOf(id);
    site.set('/board/thread-30', { body: '<html><div class="post"><img src="/up/30.jpg"></div><div class="post"><p>a reply</p></div></html>' });
    t.clock.advance(DAY);
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.pages, 1, 'the page was read again');
    assert.equal(report.notModified, 1, 'the photo was not');
    assert.equal(report.finds, 1);
    assert.deepEqual((await findsOf(id)).map((f) => [f.id, f.removedAt]), [[find.id, null]]);
    assert.deepEqual(await removedAlertsFor(find.id), []);
  });

  test('video: a known clip embedded in a page is found by its vPDQ hash', { skip: SKIP_NO_FFMPEG }, async () => {
    const known = await t.know(VIDEO, { types: ['vpdq'] });
    assert.equal(known.length, 1);
    site.set('/watch/9', { body: '<html><video src="/v/9.mp4" poster="/v/9.jpg"></video></html>' }).set('/v/9.mp4', { headers: { 'content-type': 'application/octet-stream' }, body: VIDEO });
    const id = await addSource(t, { url: `${base}/watch/9`, kind: 'html', intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    const finds = await findsOf(id);
    assert.deepEqual(finds.map((f) => f.url), [`${base}/v/9.mp4`]);
    assert.deepEqual(finds[0].signals.map((s: any) => s.uid), known.map((s) => s.uid));
    assert.equal(finds[0].contentSha256, createHash('sha256').update(VIDEO).digest('hex'));
  });
});
