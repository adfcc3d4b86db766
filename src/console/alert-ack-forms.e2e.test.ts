import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { NodeKey } from '../exchange/node-key.js';
import { startClockedNode, type ClockedNode } from '../testing/clocked-nodes.js';
import { fixedClock } from '../util/clock.js';
import type { Page } from 'playwright-core';
import { NO_BROWSER, signIn } from './console-browser.test-helper.js';
import { ConsoleSession, tabTo } from './console-session.test-helper.js';

/**
 * Alert acknowledgement and the coordination forms' choice lists, in a real Chromium against
 * a real node on 127.0.0.1: a reviewer acknowledges an alert by keyboard with a note, the
 * state shows and filters on the node, a colleague's acknowledgement in the meantime is
 * reported; a curator declares at a tier this node configures (not the defaults), sends a
 * referral to a partner node chosen by name, and the incident page lists its referrals
 * (filtered by the node) and links to its signals. axe-core on every page.
 */
const TIERS = [
  { name: 'crisis', requires: ['ongoing_attack', 'depicts_killing'] },
  { name: 'awareness', requires: [] },
];
// A note and a partner name with markup and a right-to-left override: shown as inert text.
const NOTE = 'حظر النسخ <img src=x onerror="window.__pwned = 1"> \u202Eenod';
let A: ClockedNode;
let session: ConsoleSession;
let reviewer: string;
let curator: string;
let auditor: string;
let zeta: string;
let alpha: string;
let incidentId: string;

const call = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${A.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as any };
};
const keyIdOf = async (key: string) => (await call('GET', '/v1/me', key)).json.keyId as string;
const raise = async (title: string, severity = 'warning') => {
  const res = await A.call('POST', '/v1/alerts', { kind: 'manual', severity, title, subject: { type: 'signal', id: 'sig-x' }, dedupeKey: randomBytes(6).toString('hex'), distribution: 'partners' });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json.uid as string;
};

const open = (locale = 'en-US') => session.open(A.url, locale);
const check = (page: Page, name: string) => session.check(page, name);

before(async () => {
  if (NO_BROWSER) return;
  A = await startClockedNode('Desk node', fixedClock(Date.now()), { sync: false, incidents: { tiers: TIERS } });
  for (const name of ['Zeta video platform', 'Alpha forum <b>host</b>']) {
    const res = await A.call('POST', '/v1/partners', { name, url: 'http://127.0.0.1:9', publicKey: NodeKey.generate().publicKey });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    if (name.startsWith('Zeta')) zeta = res.json.id;
    else alpha = res.json.id;
  }
  const key = async (roles: string[]) => (await A.call('POST', '/v1/keys', { roles, purpose: `desk ${roles.join('+')}` })).json.key as string;
  [reviewer, curator, auditor] = [await key(['reviewer']), await key(['curator']), await key(['auditor'])];
  session = await ConsoleSession.launch();
});

after(async () => {
  await session?.close();
  await A?.node.close();
});

test('a reviewer acknowledges an alert by keyboard with a note; the state shows, the node records when and which key, and the filter asks the node', { skip: NO_BROWSER }, async () => {
  const older = await raise('Copies on a video platform');
  const newer = await raise('Surge of the bridge video', 'critical');
  const page = await open();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await signIn(page, reviewer);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts' }).click();
  const table = page.getByRole('table', { name: 'Alerts, newest first (2)' });
  await table.waitFor();
  assert.equal(await table.getByRole('button', { name: 'Acknowledge' }).count(), 2);
  assert.equal(await table.getByText('Not acknowledged', { exact: true }).count(), 2);
  await check(page, 'alerts-ack-before');

  // The first Acknowledge reached by Tab is the newest alert's; the form takes the focus.
  await tabTo(page, 'Acknowledge');
  const described = await page.evaluate<string>('document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent');
  assert.ok(described.includes('Surge of the bridge video'), `the button names its alert: ${described}`);
  await page.keyboard.press('Enter');
  const note = page.getByLabel('Note (optional)');
  await note.waitFor();
  assert.equal(await note.evaluate((el) => el === (globalThis as any).document.activeElement), true, 'the note field has the focus');
  await page.keyboard.type(NOTE);
  await check(page, 'alerts-ack-form');
  await tabTo(page, 'Confirm the acknowledgement');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Alert acknowledged.' }).waitFor();

  const row = table.locator(`tr[data-alert="${newer}"]`);
  const keyId = await keyIdOf(reviewer);
  await row.getByText(`with key ${keyId}`).waitFor();
  const shown = row.locator('bdi', { hasText: 'onerror' });
  assert.ok((await shown.innerText()).includes('⟦U+202E⟧enod'), 'the override is shown, not obeyed');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.equal(await table.locator(`tr[data-alert="${older}"]`).getByRole('button', { name: 'Acknowledge' }).count(), 1, 'the other alert still waits');
  const stored = (await call('GET', `/v1/alerts/${encodeURIComponent(newer)}`, A.key)).json.acknowledgement;
  assert.equal(stored.keyId, keyId);
  assert.equal(stored.note, NOTE);
  await check(page, 'alerts-ack-done');

  await page.getByLabel('Acknowledgement').selectOption('true');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('table', { name: 'Alerts, newest first (1)' }).locator(`tr[data-alert="${newer}"]`).waitFor();
  assert.ok(requests.some((u) => /\/v1\/alerts\?.*acknowledged=true/.test(u)), requests.join('\n'));
  await page.getByLabel('Acknowledgement').selectOption('false');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('table', { name: 'Alerts, newest first (1)' }).locator(`tr[data-alert="${older}"]`).waitFor();
  assert.ok(page.url().endsWith('/alerts?acknowledged=false'), page.url());
  await check(page, 'alerts-ack-filtered');
});

test("a colleague's acknowledgement in the meantime is reported and shown; an auditor sees the state without a button", { skip: NO_BROWSER }, async () => {
  const uid = await raise('Forum thread spreading the manifesto');
  const page = await open();
  await signIn(page, reviewer);
  await page.goto('/alerts?acknowledged=false');
  const row = page.locator(`tr[data-alert="${uid}"]`);
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  // The curator takes it through the API while the reviewer's form is open.
  assert.equal((await call('POST', `/v1/alerts/${encodeURIComponent(uid)}/ack`, curator, { note: 'mine' })).status, 200);
  await row.getByRole('button', { name: 'Confirm the acknowledgement' }).click();
  await page.getByRole('alert').filter({ hasText: 'ALERT_ALREADY_ACKNOWLEDGED' }).waitFor();
  await row.getByText(`with key ${await keyIdOf(curator)}`).waitFor();
  assert.equal((await call('GET', `/v1/alerts/${encodeURIComponent(uid)}`, A.key)).json.acknowledgement.note, 'mine', 'the first acknowledgement stands');
  await check(page, 'alerts-ack-conflict');

  const audit = await open();
  await signIn(audit, auditor);
  await audit.goto('/alerts');
  await audit.locator(`tr[data-alert="${uid}"]`).getByText('Acknowledged', { exact: true }).waitFor();
  assert.equal(await audit.getByRole('button', { name: 'Acknowledge' }).count(), 0, 'auditors read; they do not acknowledge');
  assert.ok((await audit.getByRole('table').innerText()).includes('Not acknowledged'));
});

test('in Chinese and in Russian: the acknowledgement column, filter and button', { skip: NO_BROWSER }, async () => {
  for (const [locale, column, button, any] of [
    ['zh-CN', '确认情况', '确认', '尚未确认'],
    ['ru-RU', 'Подтверждение', 'Подтвердить', 'Ещё не подтверждено'],
  ] as const) {
    const page = await open(locale);
    await signIn(page, reviewer);
    await page.goto('/alerts');
    await page.getByRole('columnheader', { name: column }).waitFor();
    assert.ok((await page.getByRole('button', { name: button, exact: true }).count()) >= 1);
    await page.getByLabel(column).selectOption('false');
    assert.equal(await page.getByLabel(column).locator('option:checked').innerText(), any);
    await check(page, `alerts-ack-${locale.slice(0, 2)}`);
  }
});

/** Ticks every criterion of the declare form "Not met", with a reason. */
async function criteriaNotMet(page: Page): Promise<void> {
  for (const criterion of ['An attack is ongoing or has just happened', 'Content produced by the perpetrator', 'Depicts killing or attempted killing', "Found on partners' services"]) {
    const group = page.getByRole('group', { name: criterion });
    await group.getByLabel('Not met', { exact: true }).check();
    await group.getByLabel(`Reason: ${criterion}`).fill('not established yet');
  }
}

/** A time as a datetime-local field takes it, in the browser's zone (the test's). */
const localInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

test("a curator declares at a tier this node configures: the form offers the node's tiers and says what each requires", { skip: NO_BROWSER }, async () => {
  const page = await open();
  await signIn(page, curator);
  await page.goto('/incidents/declare');
  const tier = page.getByLabel('Tier', { exact: true });
  await tier.locator('option', { hasText: 'Awareness' }).waitFor({ state: 'attached' });
  assert.deepEqual(await tier.locator('option').evaluateAll((os) => os.map((o) => (o as any).value)), ['crisis', 'awareness'], 'the configured tiers, not the defaults');
  assert.equal(await tier.inputValue(), 'crisis');
  const hint = page.locator('#id-tier-hint');
  assert.match(await hint.innerText(), /Must be met at this tier: An attack is ongoing or has just happened; Depicts killing or attempted killing\./);
  await tier.selectOption('awareness');
  await hint.filter({ hasText: 'No criterion must be met at this tier.' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill('Attack on the central station');
  await criteriaNotMet(page);
  await page.getByLabel('Event time').fill(localInput(Date.now() - 30 * 60_000));
  await check(page, 'incident-declare-tiers');
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  incidentId = page.url().split('/').pop()!;
  assert.ok((await page.getByRole('region', { name: 'Declaration' }).innerText()).includes('Awareness'));
  assert.equal((await A.call('GET', `/v1/incidents/${incidentId}`)).json.incident.tier, 'awareness');
});

test('a curator sends a referral to a partner node chosen by name; the incident page lists its referrals from the node and links to its signals', { skip: NO_BROWSER }, async () => {
  assert.ok(incidentId, 'the declaration test ran');
  // One referral outside the incident, and signals in and out of it: the page must show only the incident's.
  const outside = await A.call('POST', '/v1/referrals', { to: alpha, kind: 'referral', content: { urls: ['https://forum.example/t/1'] }, label: 'perpetrator_content', grounds: ['incites'], legalBasis: 'Terms of service', statementOfReasons: 'Not under the incident', redress: 'Appeal desk' });
  assert.equal(outside.status, 201, JSON.stringify(outside.json));
  const bank = (await A.call('POST', '/v1/banks', { name: 'station footage', description: 'copies' })).json.id;
  const md5 = () => randomBytes(16).toString('hex');
  const added = await A.call('POST', `/v1/banks/${bank}/signals`, {
    signals: [
      { type: 'md5', value: md5(), label: 'perpetrator_content', reason: 'copy under the incident', distribution: 'partners', incidentId },
      { type: 'md5', value: md5(), label: 'perpetrator_content', reason: 'unrelated copy', distribution: 'partners' },
    ],
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));

  const page = await open();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await signIn(page, curator);
  await page.goto(`/incidents/${incidentId}`);
  await page.getByText('No referrals under this incident.').waitFor();
  assert.ok(requests.some((u) => u.includes(`/v1/referrals?incident=${incidentId}`)), requests.join('\n'));
  await page.getByRole('link', { name: 'Send a referral under this incident' }).click();
  const to = page.getByLabel('Partner node', { exact: true });
  await to.locator('option', { hasText: 'Zeta video platform' }).waitFor({ state: 'attached' });
  const options = await to.locator('option').allInnerTexts();
  assert.deepEqual(options, ['Choose a partner node', `Alpha forum <b>host</b> (${alpha})`, `Zeta video platform (${zeta})`], 'by name, markup as text');
  assert.equal(await page.getByLabel('Incident', { exact: true }).inputValue(), incidentId, 'the incident comes from the link, chosen among the incidents held here');
  await page.getByLabel('Incident', { exact: true }).locator('option', { hasText: 'Attack on the central station' }).waitFor({ state: 'attached' });
  assert.deepEqual(await page.getByLabel('Incident', { exact: true }).locator('option').allInnerTexts(), ['No incident', 'Attack on the central station (open)']);
  await to.selectOption(zeta);
  await page.getByRole('group', { name: 'Kind' }).getByLabel('Referral', { exact: true }).check();
  await page.getByLabel('Content URLs').fill('https://video.example/watch?v=station1');
  await page.getByLabel('(a) incites a terrorist offence').check();
  await page.getByLabel('Legal basis').fill('Terms of service, violent extremism policy');
  await page.getByLabel('Statement of reasons').fill('Footage filmed by the attacker.');
  await page.getByLabel('Redress').fill('Appeal through the partner desk.');
  await check(page, 'referral-send-partners');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
  const referralId = page.url().split('/').pop()!;
  const sent = (await A.call('GET', `/v1/referrals/${referralId}`)).json;
  assert.deepEqual([sent.receiver, sent.incidentId], [zeta, incidentId]);

  await page.goto(`/incidents/${incidentId}`);
  const linked = page.getByRole('region', { name: 'Linked referrals' });
  await linked.getByRole('link', { name: 'Referral', exact: true }).waitFor();
  assert.equal(await linked.getByRole('listitem').count(), 1, 'only the referral under this incident');
  assert.ok((await linked.innerText()).includes(zeta));
  await check(page, 'incident-linked-referrals');

  await page.getByRole('link', { name: 'Signals submitted under this incident' }).click();
  await page.waitForURL((u) => u.pathname === '/signals' && u.searchParams.get('incident') === incidentId);
  const signals = page.getByRole('table').filter({ hasText: 'copy under the incident' });
  await signals.waitFor();
  assert.ok(!(await signals.innerText()).includes('unrelated copy'));
  assert.equal(await page.getByLabel('Incident', { exact: true }).inputValue(), incidentId, 'the filter shows the incident');
  await check(page, 'incident-signals-link');
});

test('when the node cannot list its tiers or partner nodes (an older node), the forms ask for them typed, and what is typed reaches the node', { skip: NO_BROWSER }, async () => {
  const page = await open();
  // Only these two lists fail; every other request goes to the real node.
  await page.route(/\/v1\/(incident-tiers|partner-nodes)$/, (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }) }));
  await signIn(page, curator);

  await page.goto('/incidents/declare');
  const tier = page.getByLabel('Tier', { exact: true });
  await page.getByText('The configured tiers could not be read: type the tier name.').waitFor();
  assert.equal(await tier.evaluate((el) => el.tagName), 'INPUT', 'a text field instead of the list');
  await tier.fill('awareness');
  await page.getByLabel('Title', { exact: true }).fill('Copies of the depot attack video');
  await criteriaNotMet(page);
  await page.getByLabel('Event time').fill(localInput(Date.now() - 20 * 60_000));
  await check(page, 'incident-declare-typed-tier');
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  const declared = page.url().split('/').pop()!;
  assert.equal((await A.call('GET', `/v1/incidents/${declared}`)).json.incident.tier, 'awareness');

  await page.goto('/referrals/send');
  const to = page.getByLabel('Partner node id', { exact: true });
  await page.getByText('The partner nodes could not be read: type the receiving node’s id.').waitFor();
  assert.equal(await to.evaluate((el) => el.tagName), 'INPUT');
  await to.fill(zeta);
  await page.getByRole('group', { name: 'Kind' }).getByLabel('Referral', { exact: true }).check();
  await page.getByLabel('Content URLs').fill('https://video.example/watch?v=depot1');
  await page.getByLabel('(a) incites a terrorist offence').check();
  await page.getByLabel('Legal basis').fill('Terms of service, violent extremism policy');
  await page.getByLabel('Statement of reasons').fill('Footage filmed by the attacker.');
  await page.getByLabel('Redress').fill('Appeal through the partner desk.');
  await check(page, 'referral-send-typed-partner');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
  assert.equal((await A.call('GET', `/v1/referrals/${page.url().split('/').pop()}`)).json.receiver, zeta);
});

test('no serious or critical axe-core finding on these pages, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(session.axeFindings, []);
  assert.deepEqual(session.pageProblems, []);
});
