import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../testing/repo-root.js';
import { addSource, startMonitorNode, TestSite, type MonitorTestNode } from './monitor-test-node.test-helper.js';

const DAY = 24 * 60 * 60_000;
const image = (name: string) => readFileSync(join(repoRoot(), 'samples', 'images', name));
const KNOWN_IMAGE = image('bridge-original.jpg');
const UNKNOWN_IMAGE = image('unrelated-scene.jpg');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder whose bytes are `bytes`. */
function filesHolding(dir: string, bytes: Buffer): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesHolding(path, bytes));
    else if (st.size === bytes.length && readFileSync(path).equals(bytes)) out.push(path);
  }
  return out;
}

describe('depth, conditional requests by date, what a find holds, and fetched bytes discarded by default', () => {
  let t: MonitorTestNode;
  let site: TestSite;
  let elsewhere: TestSite;
  let base: string;
  let other: string;

  before(async () => {
    t = await startMonitorNode();
    site = new TestSite(t.clock);
    elsewhere = new TestSite(t.clock);
    [base, other] = [await site.start(), await elsewhere.start()];
    await t.know(KNOWN_IMAGE, { types: ['pdq'] });
  });
  after(async () => {
    await Promise.all([site?.stop(), elsewhere?.stop()]);
    await t?.close();
  });

  test('depth 2: the pages a board links to on its own host are read with their media; another host\'s pages and anything deeper are not', async () => {
    site
      .set('/board', { body: `<html><a href="/board/t/1">one</a><a href="/board/t/2">two</a><a href="${other}/t/3">elsewhere</a></html>` })
      .set('/board/t/1', { body: '<html><img src="/up/1.jpg"><a href="/board/t/1/older">older</a></html>' })
      .set('/board/t/2', { body: '<html><img src="/up/2.jpg"></html>' })
      .set('/board/t/1/older', { body: '<html><img src="/up/old.jpg"></html>' })
      .set('/up/1.jpg', { body: KNOWN_IMAGE })
      .set('/up/2.jpg', { body: UNKNOWN_IMAGE })
      .set('/up/old.jpg', { body: KNOWN_IMAGE });
    elsewhere.set('/t/3', { body: '<html><img src="/x.jpg"></html>' });
    const id = await addSource(t, { url: `${base}/board`, kind: 'html', depth: 2, intervalMs: DAY });
    const report = await t.node.monitor.checkSource(id);
    assert.equal(report.error, null);
    assert.equal(report.pages, 3, 'the board and its two threads');
    assert.equal(report.media, 2);
    assert.equal(site.hits('/board/t/1/older'), 0, 'depth 2 stops at the threads');
    assert.equal(site.hits('/up/old.jpg'), 0);
    assert.equal(elsewhere.requests.length, 0, 'another host is never asked, not even its robots.txt');
    const finds = (await t.call('GET', `/v1/finds?sourceId=${id}`, t.admin)).json.finds as any[];
    assert.deepEqual(finds.map((f) => f.url), [`${base}/up/1.jpg`]);
  });

  test('a find holds the content signals, the URL and the times only: nothing about accounts, posters or readers', async () => {
    const [find] = (await t.call('GET', '/v1/finds?limit=1', t.admin)).json.finds as any[];
    assert.deepEqual(Object.keys(find).sort(), ['contentSha256', 'firstSeenAt', 'id', 'incidentId', 'lastSeenAt', 'nextCheckAt', 'referrals', 'removal', 'removedAt', 'responsiblePartner', 'signals', 'sourceId', 'url']);
    assert.deepEqual(Object.keys(find.signals[0]).sort(), ['contributor', 'distance', 'incidentId', 'label', 'signalId', 'type', 'uid']);
    assert.equal(find.signals[0].contributor, t.node.selfPartner, 'the contributing organisation, a partner node');
    const columns = await t.node.store.db.selectFrom('monitor_finds').selectAll().where('id', '=', find.id).executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(columns).sort(), ['content_sha256', 'first_seen_at', 'id', 'last_seen_at', 'next_check_at', 'removal', 'removed_at', 'signals', 'source_id', 'url']);
  });

  test('Last-Modified: a page without an ETag is asked with If-Modified-Since and a 304 costs no hashing', async () => {
    const modified = 'Sat, 28 Feb 2026 12:00:00 GMT';
    const asked: (string | undefined)[] = [];
    site.set('/dated', {
      handler: (req, res) => {
        asked.push(req.headers['if-modified-since'] as string | undefined);
        if (req.headers['if-modified-since'] === modified) return void res.writeHead(304).end();
        const body = Buffer.from('<html><p>a dated page</p><img src="/dated.jpg"></html>');
        res.writeHead(200, { 'last-modified': modified, 'content-length': String(body.length) }).end(body);
      },
    });
    site.set('/dated.jpg', { body: UNKNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/dated`, kind: 'html', intervalMs: DAY });
    assert.equal((await t.node.monitor.checkSource(id)).pages, 1);
    const again = await t.node.monitor.checkSource(id);
    assert.deepEqual(asked, [undefined, modified]);
    assert.equal(again.pages + again.media, 0);
    assert.equal(again.notModified, 2);
  });

  test('without an evidence store, the bytes of a find are not kept anywhere in the node\'s data folder', async () => {
    assert.equal(t.node.monitor.evidence, undefined);
    assert.deepEqual(filesHolding(t.dataDir, KNOWN_IMAGE), []);
  });
});

test('with an evidence store, the bytes of finds (only) are kept by their SHA-256 and deleted after the retention period by the monitor round', async () => {
  const evidenceDir = join(mkdtempSync(join(tmpdir(), 'concord-evidence-node-')), 'evidence');
  const t = await startMonitorNode({ evidenceDir, evidenceRetentionDays: 30 });
  const site = new TestSite(t.clock);
  try {
    const base = await site.start();
    await t.know(KNOWN_IMAGE, { types: ['pdq'] });
    site.set('/board', { body: '<html><img src="/a.jpg"><img src="/b.jpg"></html>' }).set('/a.jpg', { body: KNOWN_IMAGE }).set('/b.jpg', { body: UNKNOWN_IMAGE });
    const id = await addSource(t, { url: `${base}/board`, kind: 'html', intervalMs: 365 * DAY });
    assert.equal((await t.node.monitor.checkSource(id)).newFinds, 1);
    assert.deepEqual(readdirSync(evidenceDir), [sha256(KNOWN_IMAGE)]);
    assert.ok(readFileSync(join(evidenceDir, sha256(KNOWN_IMAGE))).equals(KNOWN_IMAGE));
    const [find] = (await t.call('GET', `/v1/finds?sourceId=${id}`, t.admin)).json.finds as any[];
    assert.equal(find.contentSha256, sha256(KNOWN_IMAGE), 'the find names its evidence');
    t.clock.advance(31 * DAY);
    const round = await t.node.monitor.runDue();
    assert.equal(round.evidenceExpired, 1);
    assert.deepEqual(readdirSync(evidenceDir), []);
  } finally {
    await site.stop();
    await t.close();
  }
});
