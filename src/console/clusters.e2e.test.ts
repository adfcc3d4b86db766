import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { pairClocked, startClockedNode, type ClockedNode } from '../testing/clocked-node.js';
import { waitFor } from '../testing/federation-nodes.js';
import { fixedClock } from '../util/clock.js';
import type { Page } from 'playwright-core';
import { NO_BROWSER, signIn } from './console-browser.test-helper.js';
import { ConsoleSession, titleIs } from './console-session.test-helper.js';

/**
 * The clusters pages in a real Chromium against two real nodes on 127.0.0.1 sharing a clock
 * the test moves: at A, two signals added under one incident form one cluster and a PDQ hash
 * with a near copy another; A and its partner B match the near copies in one hour (B shares
 * its hourly counts), then a burst at A makes the cluster surge. The list, a cluster's page
 * (members linked to their signal pages, incidents, the hourly chart per node, the surge
 * state), in English and Chinese, the tab titles, and axe-core on each page.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const clock = fixedClock(Date.now());
let A: ClockedNode;
let B: ClockedNode;
let session: ConsoleSession;
let reviewerA: string;
let curatorA: string;
let matcherA: string;
let incidentId: string;
const uids: Record<string, string> = {};
// An incident title with markup, a right-to-left override and Arabic: inert text in its own direction.
const TITLE = 'هجوم على المسجد <img src=x onerror="window.__pwned = 1"> \u202Ekcatta';
const BASE = 'c3'.repeat(32);
const CRITERIA = ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: `${criterion} confirmed` }));
const APP = 'Concord console';

/** Flips the first `bits` bits of a hex hash: a near copy within the PDQ threshold. */
const flip = (hex: string, bits: number): string => {
  const b = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) b[i >> 3]! ^= 1 << (i & 7);
  return b.toString('hex');
};

/** Adds a confirmed signal at A (shared with partners), under the incident when asked. */
async function addAtA(name: string, type: string, value: string, underIncident = false): Promise<void> {
  const bank = await A.call('POST', '/v1/banks', A.admin, { name: `bank ${name}`, description: 'copies of the attack video' });
  const added = await A.call('POST', `/v1/banks/${bank.json.id}/signals`, A.admin, {
    signals: [{ type, value, label: 'perpetrator_content', reason: 'copy of the attack video', distribution: 'partners', ...(underIncident ? { incidentId } : {}) }],
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  const s = added.json.signals[0];
  assert.equal((await A.call('POST', '/v1/signals/confirm', reviewerA, { ids: [s.id] })).status, 200);
  uids[name] = s.uid;
}

async function matchTimes(node: ClockedNode, key: string, value: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await node.call('POST', '/v1/match', key, { signals: [{ type: 'pdq', value }] });
    assert.ok(res.status === 200 && res.json.results[0].matches.length >= 1, JSON.stringify(res.json));
  }
}

const matchCountAt = async (node: ClockedNode, uid: string) => (await node.node.store.getSignalByUid(uid))?.matchCount ?? 0;

/** Moves the shared clock past a bucket (and, when asked, a sightings period) and lets both leaders tick. */
async function tick(ms: number): Promise<void> {
  clock.advance(ms);
  await A.node.earlyWarning.runEarlyWarning();
  await B.node.earlyWarning.runEarlyWarning();
}

const pdqCluster = () => `cluster:${uids.stream}`;

const open = (node: ClockedNode, locale: string) => session.open(node.url!, locale); // both nodes listen (before)
const check = (page: Page, name: string) => session.check(page, name);

before(async () => {
  if (NO_BROWSER) return;
  const extra = { earlyWarning: { shareSightings: true } };
  [A, B] = await Promise.all([startClockedNode('Node A', clock, extra, { listen: true }), startClockedNode('Node B', clock, extra, { listen: true })]);
  await pairClocked(A, B);
  [reviewerA, curatorA, matcherA] = await Promise.all([A.key(['reviewer']), A.key(['curator']), A.key(['matcher'])]);
  const declared = await A.call('POST', '/v1/incidents', A.admin, {
    title: TITLE,
    tier: 'perpetrator_content',
    criteria: CRITERIA,
    eventAt: new Date(clock.now() - 10 * MIN).toISOString(),
    discoveredAt: new Date(clock.now() - 5 * MIN).toISOString(),
    distribution: 'partners',
  });
  assert.equal(declared.status, 201, JSON.stringify(declared.json));
  incidentId = declared.json.incident.id;
  // One cluster by the shared incident (two unrelated MD5s), one by near-matching PDQ hashes, and a signal alone.
  await addAtA('md5-one', 'md5', randomBytes(16).toString('hex'), true);
  await addAtA('md5-two', 'md5', randomBytes(16).toString('hex'), true);
  await addAtA('stream', 'pdq', BASE);
  await addAtA('copy', 'pdq', flip(BASE, 12));
  await addAtA('alone', 'pdq', 'f0'.repeat(32));
  await A.node.index.refresh();
  await A.node.earlyWarning.runEarlyWarning();
  await waitFor('B holds the near copies', async () => (await B.node.store.getSignalByUid(uids.copy!)) !== undefined && (await B.node.store.getSignalByUid(uids.stream!)) !== undefined, 15_000);
  await B.node.index.refresh();
  await B.node.earlyWarning.runEarlyWarning();

  // The first hour: A matches the stream 3 times, B 5 times (each query is within the threshold of both members).
  const matcherB = await B.key(['matcher']);
  await matchTimes(A, matcherA, BASE, 3);
  await matchTimes(B, matcherB, BASE, 5);
  await waitFor('the counts are flushed', async () => (await matchCountAt(A, uids.stream!)) === 3 && (await matchCountAt(B, uids.stream!)) === 5, 15_000);
  await tick(MIN + 1000);
  await tick(HOUR);
  // B shares its hourly counts of A's signals back to A.
  await waitFor("B's sightings at A", async () => (await A.call('GET', `/v1/clusters/${encodeURIComponent(pdqCluster())}`, A.admin)).json.hourly?.some((h: { node: string }) => h.node === B.id), 15_000);
  await tick(MIN);

  // A burst at A in the next minute: the cluster surges.
  await matchTimes(A, matcherA, BASE, 30);
  await waitFor('the burst is flushed', async () => (await matchCountAt(A, uids.stream!)) === 33, 15_000);
  await tick(MIN);
  const surging = (await A.call('GET', `/v1/clusters/${encodeURIComponent(pdqCluster())}`, A.admin)).json;
  assert.equal(surging.surge.state, 'surging', JSON.stringify(surging.surge));
  session = await ConsoleSession.launch();
});

after(async () => {
  await session?.close();
  await Promise.all([A, B].filter(Boolean).map((n) => n.node.close()));
});

test('the list: clusters biggest first with their surge state, example signal, incident (hostile title inert) and matches per node; the surge filter', { skip: NO_BROWSER }, async () => {
  const page = await open(A, 'en-US');
  await signIn(page, reviewerA);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clusters' }).click();
  const table = page.getByRole('table', { name: 'Clusters (2)' });
  await table.waitFor();
  await titleIs(page, `Clusters · ${APP}`);
  const listed = (await A.call('GET', '/v1/clusters', reviewerA)).json.clusters.find((c: { id: string }) => c.id === pdqCluster());
  const stream = table.getByRole('row').filter({ hasText: `Cluster ${uids.stream}` });
  const streamText = await stream.innerText();
  assert.match(streamText, /\bsurging\b/);
  // Each query counts for both near copies: the page shows the node's numbers as they are.
  assert.ok(listed.matches.here >= 33 && listed.matches.sightings[B.id] >= 5, JSON.stringify(listed.matches));
  for (const text of [`this node: ${listed.matches.sightings[A.id]}`, `${B.id}: ${listed.matches.sightings[B.id]}`, `\t${listed.matches.here}\t`]) assert.ok(streamText.includes(text), `${text} in ${streamText}`);
  const incident = table.getByRole('row').filter({ has: page.locator(`a[href="/incidents/${incidentId}"]`) });
  assert.match(await incident.innerText(), /not counted yet/);
  const title = incident.locator('bdi', { hasText: 'window.__pwned' });
  assert.ok((await title.innerText()).includes('<img src=x onerror="window.__pwned = 1">'));
  assert.ok((await title.innerText()).includes('⟦U+202E⟧kcatta'), 'the override is shown, not obeyed');
  assert.equal(await title.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'rtl');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.equal(await table.getByText(uids.alone!).count(), 0, 'a signal alone is no cluster by default');
  await check(page, 'clusters');

  // The filters, with the keyboard: only surging clusters.
  await page.getByLabel('Surge state').focus();
  await page.getByLabel('Surge state').selectOption('true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Apply');
  await page.keyboard.press('Enter');
  await page.waitForURL(/surging=true/);
  await page.getByRole('table', { name: 'Clusters (1)' }).getByText(`Cluster ${uids.stream}`).waitFor();
  await page.getByLabel('Smallest size (signals)').fill('1');
  await page.getByLabel('Surge state').selectOption('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('table', { name: 'Clusters (3)' }).getByText(`Cluster ${uids.alone}`).waitFor();
});

test("a cluster's page: surge state, hourly matches per node as the dashboard's chart and a table, members linked to their signal pages, its incident", { skip: NO_BROWSER }, async () => {
  const api = (await A.call('GET', `/v1/clusters/${encodeURIComponent(pdqCluster())}`, A.admin)).json;
  const page = await open(A, 'en-US');
  await signIn(page, reviewerA);
  await page.goto('/clusters');
  await page.getByRole('link', { name: `Cluster ${uids.stream}` }).click();
  await page.getByRole('heading', { name: 'Member signals' }).waitFor();
  await titleIs(page, `Cluster ${uids.stream} · ${APP}`);
  const summary = await page.getByRole('region', { name: 'Summary' }).innerText();
  assert.match(summary, /Surge state\s+surging/);
  assert.match(summary, /Surge episodes\s+[1-9]/);
  // This node first, then B, whose shared hourly counts reached the detector.
  assert.match(summary, new RegExp(`Nodes matching it\\s+this node, ${B.id}\\n`));
  assert.ok(summary.includes(pdqCluster()), summary);
  const hourly = page.getByRole('region', { name: 'Matches per hour' });
  await hourly.getByRole('img', { name: 'Matches per hour, one line per node' }).locator('canvas').waitFor();
  const table = hourly.getByRole('table', { name: 'Matches per hour, per node' });
  assert.deepEqual((await table.locator('thead th').allInnerTexts()).map((h) => h.trim()), ['Hour (UTC start)', 'this node', B.id]);
  // The table holds the API's numbers: each node's total over the period.
  const total = (node: string) => api.hourly.filter((h: { node: string }) => h.node === node).reduce((n: number, h: { count: number }) => n + h.count, 0);
  assert.deepEqual(await table.locator('tfoot td').allInnerTexts(), [String(total(A.id)), String(total(B.id))]);
  assert.ok(total(A.id) >= 3 && total(B.id) >= 5, JSON.stringify(api.hourly));
  const members = page.getByRole('table', { name: 'Member signals (2)' });
  for (const name of ['stream', 'copy']) await members.getByRole('link', { name: uids[name] }).waitFor();
  await check(page, 'cluster');

  // Each member links to its signal page (found by its network id); Back returns to the cluster.
  await members.getByRole('link', { name: uids.copy }).click();
  await page.waitForURL(/\/signals\/\d+$/);
  const id = page.url().split('/').pop();
  await page.getByRole('heading', { name: `Signal ${id}` }).waitFor();
  await titleIs(page, `Signal ${id} · ${APP}`);
  // The signal names its cluster in turn.
  await page.getByRole('region', { name: 'Provenance' }).getByRole('link', { name: `Cluster ${uids.stream} · 2 signals` }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Member signals' }).waitFor();

  // The incident cluster names its incident by title and links to it.
  await page.goto(`/clusters/${encodeURIComponent(`cluster:${uids['md5-one']}`)}`);
  const incidents = page.getByRole('region', { name: 'Incidents' });
  await incidents.locator('bdi', { hasText: 'window.__pwned' }).waitFor();
  assert.match(await page.getByRole('region', { name: 'Summary' }).innerText(), /not counted yet/);
  await page.getByText('No matches counted in this period.').waitFor();
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  await check(page, 'cluster-incident');
  await incidents.getByRole('link').click();
  await page.waitForURL(new RegExp(`/incidents/${incidentId}$`));
  await titleIs(page, `Incident ${incidentId} · ${APP}`);
});

test('in Chinese for a curator; the hourly period is chosen on the page; an unknown cluster answers with its coded error', { skip: NO_BROWSER }, async () => {
  const page = await open(A, 'zh-CN');
  await signIn(page, curatorA);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '聚类' }).click();
  await page.getByRole('table', { name: '聚类（2）' }).waitFor();
  await page.waitForFunction("document.title.startsWith('聚类 · ')", undefined, { timeout: 5000 });
  assert.match(await page.getByRole('table').innerText(), /正在激增/);
  await check(page, 'clusters-zh');
  await page.getByRole('link', { name: `聚类 ${uids.stream}` }).click();
  await page.getByRole('heading', { name: '成员信号' }).waitFor();
  await page.getByLabel('统计时段').selectOption('168');
  await page.waitForURL(/hours=168/);
  await page.getByRole('table', { name: '每小时匹配数（按节点）' }).waitFor();
  await check(page, 'cluster-zh');
  await page.goto('/clusters/cluster:nope');
  await page.getByRole('alert').filter({ hasText: 'CLUSTER_NOT_FOUND' }).waitFor();
});

test('a matcher key has no clusters in its menu, and the page at that address is not found, with a title that says so', { skip: NO_BROWSER }, async () => {
  const page = await open(A, 'en-US');
  await signIn(page, matcherA);
  assert.equal(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clusters' }).count(), 0);
  await page.goto('/clusters');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await titleIs(page, `Page not found · ${APP}`);
  // Every page reached from another one names itself in the tab, not as "Signals".
  const curator = await open(A, 'en-US');
  await signIn(curator, curatorA);
  for (const [path, title] of [
    ['/incidents/declare', 'Declare an incident'],
    ['/referrals/send', 'Send a referral or removal order'],
    [`/incidents/${incidentId}`, `Incident ${incidentId}`],
  ] as const) {
    await curator.goto(path);
    await curator.locator('main h1').first().waitFor();
    await titleIs(curator, `${title} · ${APP}`);
  }
});

test('no serious or critical axe-core finding on the clusters pages, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(session.axeFindings, []);
  assert.deepEqual(session.pageProblems, []);
});
