import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { multipart } from '../api/api-test-node.test-helper.js';
import { packageRoot } from '../util/package-root.js';
import { axeViolations, NO_BROWSER, shot, signIn, startConsoleRig, watchPage, type ConsoleRig } from './console-browser.test-helper.js';

/**
 * The dashboard, the alerts page, the review queue's new-variant candidates and the
 * transparency report, in a real Chromium against a real node that has real matches
 * (real images hashed on the node), a declared incident and alerts with hostile titles.
 * axe-core runs on every page; nothing may be refused by the CSP or throw.
 */
const IMAGES = join(packageRoot(), 'samples', 'images');
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned = 1"> \u202Etxt.exe\u202C attack copy';
const md5 = () => randomBytes(16).toString('hex');

let rig: ConsoleRig;
const contexts: BrowserContext[] = [];
const watches: { problems: string[] }[] = [];
const axeFindings: string[] = [];
let bankId: number;
let incidentId: string;
let incidentSignal: { id: number; uid: string };
let reviewer: string;
let auditor: string;

async function open(key: string, locale = 'en-US'): Promise<Page> {
  const ctx = await rig.context(locale);
  contexts.push(ctx);
  const page = await ctx.newPage();
  watches.push(watchPage(page));
  await signIn(page, key);
  return page;
}

async function checkPage(page: Page, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.locator('main [role=status]').filter({ hasText: /Loading|加载中|Загрузка/ }).first().waitFor({ state: 'detached' }).catch(() => undefined);
  axeFindings.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
  await shot(page, name);
}

async function post(path: string, key: string, file: string, fields: Record<string, string> = {}) {
  const body = multipart(readFileSync(join(IMAGES, file)), file, fields);
  const res = await fetch(rig.node.url + path, { method: 'POST', headers: { ...body.headers, authorization: `Bearer ${key}` }, body: body.payload });
  const json: any = await res.json();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Waits until the node's counter has flushed `n` matches of a label into match_hours (it writes once a second). */
async function matchesFlushed(label: string, n: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const series = await rig.api('GET', '/v1/stats/matches', rig.adminKey);
    const total = series.byLabel.find((l: { key: string }) => l.key === label)?.total ?? 0;
    if (total >= n) return total;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the node did not count ${n} matches of ${label}`);
}

before(async () => {
  if (NO_BROWSER) return;
  rig = await startConsoleRig();
  reviewer = await rig.keyWith('reviewer');
  auditor = await rig.keyWith('auditor');
  const matcher = await rig.keyWith('matcher');
  bankId = (await rig.api('POST', '/v1/banks', rig.adminKey, { name: 'attack footage', description: 'Frames of the livestream' })).id;
  await post(`/v1/banks/${bankId}/content`, rig.adminKey, 'bridge-original.jpg', { label: 'perpetrator_content', reason: 'Frame of the attack livestream', distribution: 'local' });
  const declared = await rig.api('POST', '/v1/incidents', rig.adminKey, {
    title: 'Livestreamed attack <b>day one</b>',
    tier: 'perpetrator_content',
    criteria: ['ongoing_attack', 'perpetrator_produced', 'depicts_killing', 'on_partner_services'].map((criterion) => ({ criterion, met: true, reason: 'established by the desk' })),
    eventAt: new Date(Date.now() - 3_600_000).toISOString(),
    discoveredAt: new Date().toISOString(),
  });
  incidentId = declared.incident.id;
  const value = md5();
  const added = await rig.api('POST', `/v1/banks/${bankId}/signals`, rig.adminKey, {
    signals: [
      { type: 'md5', value, label: 'glorification_of_attack', reason: 'Praise of the attack, reposted', distribution: 'local', incidentId },
      { type: 'md5', value: md5(), label: 'instruction_for_violence', reason: 'Manual, page 2', distribution: 'local' },
    ],
  });
  incidentSignal = { id: added.signals[0].id, uid: added.signals[0].uid };
  for (let i = 0; i < 3; i++) await rig.api('POST', '/v1/match', matcher, { signals: [{ type: 'md5', value }] });
  // A blurred copy of the known image: a near PDQ match, and its own hashes become new-variant candidates.
  await post('/v1/match', matcher, 'bridge-blurred.jpg');
  await matchesFlushed('glorification_of_attack', 3);
  await matchesFlushed('perpetrator_content', 1);
  const alert = (over: Record<string, unknown>) => ({ kind: 'manual', distribution: 'local', dedupeKey: md5(), ...over });
  await rig.api('POST', '/v1/alerts', rig.adminKey, alert({ severity: 'critical', title: HOSTILE_TITLE, subject: { type: 'signal', id: incidentSignal.uid }, signalUids: [incidentSignal.uid] }));
  await rig.api('POST', '/v1/alerts', rig.adminKey, alert({ severity: 'info', title: 'Copies rising on two platforms', subject: { type: 'incident', id: incidentId }, incidentId }));
});

after(async () => {
  for (const c of contexts) await c.close();
  await rig?.stop();
});

test('dashboard: matches over time per label and per type, latest alerts, open incidents, overdue referrals, index size; an incident leads to its signals', { skip: NO_BROWSER }, async () => {
  const page = await open(rig.adminKey);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const overTime = page.getByRole('region', { name: 'Matches over time' });
  await overTime.locator('.chart canvas').waitFor();
  const perLabel = overTime.getByRole('table', { name: 'Matches over time per label' });
  assert.match(await perLabel.getByRole('row').filter({ hasText: 'Glorification of an attack' }).innerText(), /\b3\b/);
  assert.match(await perLabel.innerText(), /Perpetrator content\s+\d/);
  await overTime.getByRole('radio', { name: 'signal type' }).check();
  const perType = overTime.getByRole('table', { name: 'Matches over time per signal type' });
  assert.match(await perType.getByRole('row').filter({ hasText: 'md5' }).innerText(), /\b3\b/);
  assert.match(await perType.innerText(), /\bpdq\b/);
  await overTime.getByLabel('Period').selectOption('month');
  await perType.getByRole('row').filter({ hasText: 'md5' }).waitFor();
  assert.ok(requests.some((u) => u.includes('/v1/stats/matches?') && u.includes('bucket=day')), requests.join('\n'));

  await page.getByRole('heading', { name: 'Open incidents: 1' }).waitFor();
  const incidents = page.getByRole('region', { name: 'Open incidents: 1' });
  await incidents.getByText('Livestreamed attack <b>day one</b>', { exact: true }).waitFor();
  const alerts = page.getByRole('region', { name: 'Latest alerts' });
  const hostile = await alerts.locator('bdi', { hasText: 'onerror' }).innerText();
  assert.ok(hostile.includes('<img src=x onerror="window.__pwned = 1">') && hostile.includes('⟦U+202E⟧txt.exe⟦U+202C⟧'), hostile);
  await page.getByRole('heading', { name: 'Overdue referrals: 0' }).waitFor();
  assert.match(await page.getByRole('table', { name: 'Index size' }).innerText(), /pdq\s+\d+/);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  await checkPage(page, 'dashboard-full');

  await incidents.getByRole('link', { name: /Its signals/ }).click();
  const rows = page.getByRole('table', { name: 'Page 1' }).locator('tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), [String(incidentSignal.id)]);
  assert.ok(requests.some((u) => u.includes('/v1/signals?') && u.includes(`incident=${encodeURIComponent(incidentId)}`)), 'the incident filter went to the node');
  assert.equal(await page.getByLabel('Incident').inputValue(), incidentId);
  await checkPage(page, 'signals-incident');
});

test('alerts: filtered by severity and kind on the node; an alert links to its signal and to its incident', { skip: NO_BROWSER }, async () => {
  const page = await open(rig.adminKey);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts' }).click();
  const table = page.getByRole('table', { name: /Alerts, newest first/ });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2);
  await checkPage(page, 'alerts');
  await page.getByLabel('Severity').selectOption('critical');
  await page.getByLabel('Kind').selectOption('manual');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('table', { name: 'Alerts, newest first (1)' }).waitFor();
  assert.ok(requests.some((u) => /\/v1\/alerts\?.*kind=manual/.test(u) && /severity=critical/.test(u)), requests.join('\n'));
  const row = page.getByRole('table', { name: 'Alerts, newest first (1)' }).locator('tbody tr');
  assert.match(await row.innerText(), /critical/);
  assert.ok((await row.innerText()).includes('<img src=x onerror='));
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  await row.getByRole('link', { name: incidentSignal.uid }).click();
  await page.getByRole('table', { name: 'Page 1' }).waitFor();
  assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), [String(incidentSignal.id)]);

  await page.goto('/alerts?severity=info');
  const info = page.getByRole('table', { name: 'Alerts, newest first (1)' });
  await info.getByRole('link', { name: "The incident's signals" }).click();
  await page.getByRole('table', { name: 'Page 1' }).waitFor();
  assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), [String(incidentSignal.id)]);
});

test('review queue: new-variant candidates beside the signals awaiting confirmation; a reviewer adds one to a bank and rejects another', { skip: NO_BROWSER }, async () => {
  const { items } = await rig.api('GET', '/v1/review?kind=variant_candidate&status=pending', rig.adminKey);
  const pdq = items.find((c: { candidate: { type: string } }) => c.candidate.type === 'pdq');
  const other = items.find((c: { candidate: { type: string } }) => c.candidate.type !== 'pdq');
  assert.ok(pdq && other, JSON.stringify(items));
  const page = await open(reviewer);
  await page.getByRole('link', { name: 'Review queue' }).click();
  await page.getByRole('heading', { name: /Signals waiting for confirmation: \d+/ }).waitFor();
  const candidate = page.locator(`li[data-candidate="${pdq.id}"]`);
  await candidate.waitFor();
  assert.ok((await candidate.innerText()).includes(pdq.candidate.value));
  await checkPage(page, 'review-candidates');

  await page.getByLabel(`Bank for candidate ${pdq.id}`).selectOption(String(bankId));
  await page.getByLabel(`Label for candidate ${pdq.id}`).selectOption('perpetrator_content');
  await page.getByLabel(`Reason for candidate ${pdq.id}`).fill('Blurred copy of the livestream frame');
  await candidate.getByRole('button', { name: 'Add to the bank' }).click();
  await page.getByRole('status').filter({ hasText: new RegExp(`Candidate ${pdq.id} added as signal \\d+`) }).waitFor();
  await candidate.waitFor({ state: 'detached' });
  const accepted = (await rig.api('GET', '/v1/review?kind=variant_candidate&status=accepted', rig.adminKey)).items.find((c: { id: number }) => c.id === pdq.id);
  const signal = (await rig.api('GET', `/v1/signals/${accepted.acceptedSignalId}`, rig.adminKey)).signal;
  assert.deepEqual([signal.type, signal.value, signal.bankId, signal.label, signal.reason], ['pdq', pdq.candidate.value, bankId, 'perpetrator_content', 'Blurred copy of the livestream frame']);
  // The new signal joins the signals awaiting confirmation.
  await page.locator(`li[data-signal="${signal.id}"]`).waitFor();

  await page.getByLabel(`Reason for candidate ${other.id}`).fill('Only the file container differs');
  await page.locator(`li[data-candidate="${other.id}"]`).getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('status').filter({ hasText: `Candidate ${other.id} rejected.` }).waitFor();
  const rejected = (await rig.api('GET', '/v1/review?kind=variant_candidate&status=rejected', rig.adminKey)).items.map((c: { id: number }) => c.id);
  assert.deepEqual(rejected, [other.id]);
});

test('transparency report: a period picked, each section as tables and a chart, the printable HTML downloaded', { skip: NO_BROWSER }, async () => {
  const page = await open(auditor);
  await page.getByRole('link', { name: 'Transparency report' }).click();
  const matches = page.getByRole('table', { name: 'Matches by label and signal type' });
  await matches.waitFor();
  for (const name of ['Signals by label, type and contributor', 'Disputes by label', 'Error rate by label']) await page.getByRole('heading', { name }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From (UTC date)').fill(today);
  await page.getByLabel('To (UTC date, not included)').fill(tomorrow);
  await page.getByRole('button', { name: 'Show the report' }).click();
  await page.waitForURL((u) => u.search.includes(`from=${today}`) && u.search.includes(`to=${tomorrow}`));
  const api = await rig.api('GET', `/v1/reports/transparency?from=${today}&to=${tomorrow}`, auditor);
  await matches.locator('tfoot').getByText(String(api.sections.matches.tables[0].totals.matches), { exact: true }).waitFor();
  assert.match(await matches.innerText(), /Glorification of an attack\s+md5\s+3/);
  await page.locator('[data-section="matches"] .chart canvas').waitFor();
  await checkPage(page, 'transparency');

  await page.getByRole('button', { name: 'Prepare the printable report (HTML)' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the printable report (HTML)' }).click()]);
  const html = readFileSync((await download.path())!, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Matches by label and signal type/);
  assert.ok(!/<script/i.test(html));
});

test('in Chinese and in Russian: the dashboard and the alerts page', { skip: NO_BROWSER }, async () => {
  const zh = await open(rig.adminKey, 'zh-CN');
  await zh.getByRole('heading', { name: '匹配数随时间变化' }).waitFor();
  await zh.getByRole('region', { name: '匹配数随时间变化' }).locator('.chart canvas').waitFor();
  await zh.getByRole('heading', { name: '进行中的事件：1' }).waitFor();
  await checkPage(zh, 'dashboard-zh');
  const ru = await open(rig.adminKey, 'ru-RU');
  await ru.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Оповещения' }).click();
  await ru.getByRole('table', { name: 'Оповещения, новые сверху (2)' }).waitFor();
  assert.match(await ru.getByRole('table', { name: 'Оповещения, новые сверху (2)' }).innerText(), /критическое/);
  await checkPage(ru, 'alerts-ru');
  await ru.getByRole('link', { name: 'Отчёт о прозрачности' }).click();
  await ru.getByRole('table', { name: 'Совпадения по меткам и типам сигналов' }).waitFor();
  await checkPage(ru, 'transparency-ru');
});

test('no serious or critical axe-core violation on these pages, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(axeFindings, []);
  assert.deepEqual(watches.flatMap((w) => w.problems), []);
});
