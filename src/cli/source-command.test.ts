import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { TestSite } from '../monitor/monitor-test-node.test-helper.js';
import { StorePacingLedger } from '../monitor/pacing-ledger.js';
import { openSqliteStore } from '../store/sqlite/sqlite-database.js';
import { repoRoot } from '../testing/repo-root.js';

const dir = mkdtempSync(join(tmpdir(), 'concord-source-cli-'));
const data = join(dir, 'data');
const configFile = join(dir, 'node.json');
let site: TestSite;
let base: string;

const cli = (args: string[], config = configFile) =>
  promisify(execFile)(process.execPath, [join(repoRoot(), 'bin', 'concord.js'), ...args, '--data', data, '--config', config]).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

before(async () => {
  writeFileSync(configFile, JSON.stringify({ monitor: { contact: 'monitor-team@example.org', perHostIntervalMs: 0 } }));
  site = new TestSite();
  base = await site.start();
  site.set('/board', { body: '<html><p>a board</p><img src="/pic.jpg"></html>' }).set('/pic.jpg', { body: readFileSync(join(repoRoot(), 'samples', 'images', 'unrelated-scene.jpg')) });
});
after(() => site?.stop());

test('concord source add, list, check and remove', async () => {
  const added = await cli(['source', 'add', '--url', `${base}/board`, '--kind', 'html', '--reason', 'outlet of a designated entity', '--label', 'branded_propaganda_designated_entity', '--local-test-site', '--json']);
  assert.equal(added.code, 0, added.err);
  const id = JSON.parse(added.out).id as number;
  const listed = await cli(['source', 'list', '--json']);
  assert.equal(JSON.parse(listed.out.trim()).url, `${base}/board`);
  const checked = await cli(['source', 'check', String(id), '--json']);
  assert.equal(checked.code, 0, checked.err);
  const report = JSON.parse(checked.out);
  assert.equal(report.pages, 1);
  assert.equal(report.media, 1);
  assert.equal(report.finds, 0);
  assert.ok(site.requests.some((r) => r.path === '/pic.jpg' && r.headers['user-agent'] === 'ConcordMonitor/1.0 (+monitor-team@example.org)'));
  const removed = await cli(['source', 'remove', String(id)]);
  assert.equal(removed.code, 0);
  assert.equal((await cli(['source', 'list', '--json'])).out.trim(), '');
  assert.notEqual((await cli(['source', 'check', String(id)])).code, 0);
});

test('concord source check: an unmarked loopback source exits 3 with SOURCE_ADDRESS_REFUSED; no contact configured is MONITOR_CONTACT_MISSING', async () => {
  const added = await cli(['source', 'add', '--url', `${base}/board`, '--kind', 'html', '--reason', 'outlet of a designated entity', '--label', 'branded_propaganda_designated_entity', '--json']);
  const id = String(JSON.parse(added.out).id);
  const refused = await cli(['source', 'check', id]);
  assert.equal(refused.code, 3);
  assert.match(refused.out, /SOURCE_ADDRESS_REFUSED/);
  const bare = join(dir, 'bare.json');
  writeFileSync(bare, '{}');
  const missing = await cli(['source', 'check', id], bare);
  assert.equal(missing.code, 3);
  assert.match(missing.err + missing.out, /MONITOR_CONTACT_MISSING/);
  const invalid = await cli(['source', 'add', '--url', 'file:///etc/passwd', '--kind', 'html', '--reason', 'xxx', '--label', 'branded_propaganda_designated_entity']);
  assert.equal(invalid.code, 2);
  assert.match(invalid.err + invalid.out, /SOURCE_INVALID/);
});

test('concord source check takes its turn per host behind another process of the node (the pacing is in the store)', async () => {
  const paced = join(dir, 'paced.json');
  const INTERVAL = 5000;
  writeFileSync(paced, JSON.stringify({ monitor: { contact: 'monitor-team@example.org', perHostIntervalMs: INTERVAL } }));
  const added = await cli(['source', 'add', '--url', `${base}/board`, '--kind', 'html', '--reason', 'outlet of a designated entity', '--label', 'branded_propaganda_designated_entity', '--local-test-site', '--json'], paced);
  const id = String(JSON.parse(added.out).id);
  // This test process stands for the node's leader: it has just had its turn at the site.
  const store = await openSqliteStore(join(data, 'concord.db'));
  const claimedAt = Date.now();
  try {
    await new StorePacingLedger(store.context).claim(new URL(base).host, claimedAt, INTERVAL);
  } finally {
    await store.close();
  }
  const before = site.requests.length;
  const checked = await cli(['source', 'check', id, '--json'], paced);
  assert.equal(checked.code, 0, checked.err);
  const times = site.requests.slice(before).map((r) => r.at);
  assert.ok(times.length >= 2);
  // Turns are booked one interval apart from the other process's: the n-th request goes no sooner than n intervals after it.
  times.forEach((at, n) => assert.ok(at >= claimedAt + (n + 1) * INTERVAL, `request ${n} came ${at - claimedAt} ms after the other process's turn`));
});
