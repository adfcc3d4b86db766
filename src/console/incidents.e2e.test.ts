import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { pair, startClockedNode, type ClockedNode } from '../testing/clocked-nodes.js';
import { waitFor } from '../testing/federation-nodes.js';
import { fixedClock } from '../util/clock.js';
import type { Page } from 'playwright-core';
import { NO_BROWSER, signIn } from './console-browser.test-helper.js';
import { ConsoleSession } from './console-session.test-helper.js';

/**
 * Incidents in a real Chromium against two real nodes on 127.0.0.1 that share a clock the
 * test moves (hourly match roll-ups without waiting hours): A's curator declares through the
 * form, partner B's matches roll up into the surge chart, B adds to the timeline in Chinese,
 * A adds an action and concludes, and the debrief shows the timings. axe-core on each page.
 */
const HOUR = 3_600_000;
const clock = fixedClock(Date.now());
let A: ClockedNode;
let B: ClockedNode;
let session: ConsoleSession;
let curatorA: string;
let bankId: number;
let incidentId: string;
// A title with markup, a right-to-left override and Arabic: shown as inert text in its own direction.
const TITLE = 'هجوم على السوق <img src=x onerror="window.__pwned = 1"> \u202Ekcatta';

const md5 = () => randomBytes(16).toString('hex');

/** Adds an md5 signal under the incident at `node` and matches it `times` times there. */
async function matchUnderIncident(node: ClockedNode, times: number): Promise<void> {
  const value = md5();
  const bank = await node.call('POST', '/v1/banks', { name: `${node.name} incident bank ${value.slice(0, 6)}`, description: 'copies of the attack video' });
  const added = await node.call('POST', `/v1/banks/${bank.json.id}/signals`, { signals: [{ type: 'md5', value, label: 'perpetrator_content', reason: 'copy of the attack video', distribution: 'partners', incidentId }] });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  for (let i = 0; i < times; i++) {
    const res = await node.call('POST', '/v1/match', { signals: [{ type: 'md5', value }] });
    assert.equal(res.json.results[0].matches.length, 1, JSON.stringify(res.json));
  }
}

const timelineAt = async (node: ClockedNode) => (await node.call('GET', `/v1/incidents/${incidentId}`)).json.timeline as { kind: string; byNode: string; data: { count?: number } }[];

const open = (node: ClockedNode, locale: string) => session.open(node.url, locale);
const check = (page: Page, name: string) => session.check(page, name);

before(async () => {
  if (NO_BROWSER) return;
  const extra = { incidents: { checkIntervalMs: 150 } };
  [A, B] = await Promise.all([startClockedNode('Node A', clock, extra), startClockedNode('Node B', clock, extra)]);
  await pair(A, B);
  curatorA = (await A.call('POST', '/v1/keys', { roles: ['curator'], purpose: 'incident desk' })).json.key;
  bankId = (await A.call('POST', '/v1/banks', { name: 'attack videos', description: 'Footage filmed by attackers' })).json.id;
  session = await ConsoleSession.launch();
});

after(async () => {
  await session?.close();
  await Promise.all([A, B].filter(Boolean).map((n) => n.node.close()));
});

test('declare through the form: the checklist with reasons, times, a bank, an external reference; the incident page shows the declaration and its signed entry', { skip: NO_BROWSER }, async () => {
  const page = await open(A, 'en-US');
  await signIn(page, curatorA);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Incidents' }).click();
  await page.getByText('No incidents.').waitFor();
  await check(page, 'incidents-empty');
  await page.getByRole('link', { name: 'Declare an incident' }).click();
  await page.getByRole('heading', { name: 'The declaration' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(TITLE);
  await page.getByLabel('Tier', { exact: true }).selectOption('perpetrator_content');
  const reasons: Record<string, string> = {
    'An attack is ongoing or has just happened': 'police confirm shots fired at the market',
    'Content produced by the perpetrator': 'helmet camera of the attacker',
    'Depicts killing or attempted killing': 'victims shot on camera',
    "Found on partners' services": 'copies uploaded to two partner platforms',
  };
  for (const [criterion, reason] of Object.entries(reasons)) {
    const group = page.getByRole('group', { name: criterion });
    await group.getByLabel('Met', { exact: true }).check();
    await group.getByLabel(`Reason: ${criterion}`).fill(reason);
  }
  const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel('Event time').fill(local(Date.now() - 40 * 60_000));
  await page.getByLabel('Discovery time').fill(local(Date.now() - 25 * 60_000));
  await page.getByLabel('attack videos').check();
  await page.getByRole('button', { name: 'Add a reference' }).click();
  await page.getByLabel('Protocol', { exact: true }).fill('gifct_cip');
  await page.getByLabel('Reference', { exact: true }).fill('CIP-2026-07');
  await page.getByLabel('Lead protocol').fill('gifct_cip');
  await check(page, 'incident-declare');
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  incidentId = page.url().split('/').pop()!;
  await page.getByRole('heading', { name: 'Shared timeline' }).waitFor();

  const h1 = page.locator('main h1 bdi');
  assert.ok((await h1.innerText()).includes('<img src=x onerror="window.__pwned = 1">'));
  assert.ok((await h1.innerText()).includes('⟦U+202E⟧kcatta'), 'the override is shown, not obeyed');
  assert.equal(await h1.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'rtl', 'Arabic runs right to left in its own element');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  const summary = await page.getByRole('region', { name: 'Declaration' }).innerText();
  for (const text of ['Perpetrator content', 'open', 'this node', 'gifct_cip: CIP-2026-07', 'attack videos', 'helmet camera of the attacker', 'direct partners']) assert.ok(summary.includes(text), `${text} in ${summary}`);
  const entries = page.getByRole('list', { name: 'Shared timeline' }).getByRole('listitem');
  assert.equal(await entries.count(), 1);
  const declared = await entries.first().innerText();
  assert.match(declared, /Declared/);
  assert.match(declared, /Happened:/);
  assert.match(declared, /Discovered:/);
  assert.match(declared, /Written and signed by this node \(entry 1\)/);
  await page.getByText('No match roll-ups yet').waitFor();
  await page.getByText('No referrals under this incident.').waitFor();
  // A is the declarer: it may conclude; there is nothing to join.
  await page.getByRole('heading', { name: 'Conclude', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Join/ }).count(), 0);
  assert.equal(bankId > 0, true);
});

test('matches at A and at partner B roll up hourly into the surge chart (uPlot, loaded with the page) and its table', { skip: NO_BROWSER }, async () => {
  await waitFor('B holds the incident', async () => (await B.call('GET', `/v1/incidents/${incidentId}`)).status === 200);
  await matchUnderIncident(A, 3);
  await matchUnderIncident(B, 5);
  clock.advance(HOUR + 60_000);
  await waitFor('both roll-ups at A', async () => (await timelineAt(A)).filter((e) => e.kind === 'matches').length === 2, 15_000);
  await matchUnderIncident(B, 7);
  clock.advance(HOUR + 60_000);
  await waitFor("B's second roll-up at A", async () => (await timelineAt(A)).filter((e) => e.kind === 'matches').length === 3, 15_000);

  const page = await open(A, 'en-US');
  await signIn(page, curatorA);
  await page.goto(`/incidents/${incidentId}`);
  const surge = page.getByRole('region', { name: 'Matches per hour' });
  await surge.getByRole('img', { name: 'Matches per hour' }).locator('canvas').waitFor();
  const table = surge.getByRole('table', { name: 'Matches per hour, per partner node' });
  const header = await table.locator('thead').innerText();
  assert.ok(header.includes(A.id) && header.includes(B.id), header);
  // Every roll-up is counted once, whichever hours it is spread over.
  const cells = await table.locator('tbody td').allInnerTexts();
  assert.equal(Math.round(cells.reduce((n, c) => n + Number(c), 0)), 3 + 5 + 7);
  const timeline = await page.getByRole('list', { name: 'Shared timeline' }).innerText();
  assert.ok(timeline.includes(`Written and signed by ${B.id}`), 'B’s entries name their author');
  assert.match(timeline, /First match/);
  await check(page, 'incident-surge');
});

test('in Chinese at partner B: the incident from A, the timeline in the same order, a note added; no conclude (not the declarer)', { skip: NO_BROWSER }, async () => {
  const page = await open(B, 'zh-CN');
  await page.goto('/');
  await page.getByLabel('API 密钥').fill(B.key);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '事件' }).click();
  await page.getByRole('heading', { name: '事件', exact: true }).waitFor();
  await page.getByLabel('显示').selectOption('open');
  await page.getByRole('table', { name: '事件（1）' }).waitFor();
  const row = await page.getByRole('table').innerText();
  assert.ok(row.includes(A.id), 'declared by A');
  // Partners working it: every author on its timeline, B (this node) among them.
  await page.getByRole('table').getByText(new RegExp(`${A.id}, 本节点|本节点, ${A.id}`)).waitFor();
  await check(page, 'incidents-zh');
  await page.getByRole('link', { name: /هجوم على السوق/ }).click();
  await page.getByRole('heading', { name: '共享时间线' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: '结束', exact: true }).count(), 0);
  await page.getByLabel('内容', { exact: true }).fill('已删除 3 个副本');
  await page.getByRole('group', { name: '条目类型' }).getByLabel('已采取的行动').check();
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '已添加到时间线。' }).waitFor();
  await page.getByRole('list', { name: '共享时间线' }).getByText('已删除 3 个副本').waitFor();
  assert.match(await page.getByRole('list', { name: '共享时间线' }).innerText(), /由 本节点 撰写并签名/);
  await check(page, 'incident-zh');
});

test("A adds an action, sees B's note arrive, concludes; the debrief shows the timings and each node's first match", { skip: NO_BROWSER }, async () => {
  await waitFor("B's note at A", async () => (await timelineAt(A)).some((e) => e.kind === 'action' && e.byNode === B.id));
  const page = await open(A, 'en-US');
  await signIn(page, curatorA);
  await page.goto(`/incidents/${incidentId}`);
  await page.getByRole('heading', { name: 'Add to the timeline' }).waitFor();
  await page.getByRole('group', { name: 'Kind of entry' }).getByLabel('Action taken').check();
  await page.getByLabel('Text', { exact: true }).fill('Hash list pushed to all partners');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const timeline = page.getByRole('list', { name: 'Shared timeline' });
  await timeline.getByText('Hash list pushed to all partners').waitFor();
  assert.ok((await timeline.innerText()).includes('已删除 3 个副本'), 'B’s note, in its own words');
  await page.getByLabel('Closing note').fill('No new copies for two hours');
  await page.getByRole('button', { name: 'Conclude the incident' }).click();
  await page.getByRole('list', { name: 'Shared timeline' }).getByText('Debrief', { exact: true }).waitFor();
  assert.ok((await page.getByRole('region', { name: 'Declaration' }).innerText()).includes('concluded'));
  assert.equal(await page.getByRole('heading', { name: 'Add to the timeline' }).count(), 0, 'a concluded incident takes no more notes');
  const debrief = page.getByRole('region', { name: 'Debrief' });
  assert.match(await debrief.innerText(), /Duration\s+\d+:\d\d:\d\d/);
  const firstMatches = await debrief.getByRole('table', { name: "Each node's first match" }).innerText();
  assert.ok(firstMatches.includes(B.id), firstMatches);
  await check(page, 'incident-concluded');
  await page.goto('/incidents?status=concluded');
  await page.getByRole('table', { name: 'Incidents (1)' }).waitFor();
  await check(page, 'incidents-concluded');
});

test('no serious or critical axe-core finding on any incident page, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(session.axeFindings, []);
  assert.deepEqual(session.pageProblems, []);
});
