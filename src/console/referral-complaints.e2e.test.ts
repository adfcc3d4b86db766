import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import type { Page } from 'playwright-core';
import { NO_BROWSER, signIn } from './console-browser.test-helper.js';
import { ConsoleSession, tabTo, titleIs } from './console-session.test-helper.js';

/**
 * Complaints (Art. 10) and reinstatement on a referral's page, in a real Chromium against two
 * real node processes on 127.0.0.1: A refers two URLs to B, B removes the content; B's
 * curator records a rejected complaint with the keyboard alone, then an upheld one, and the
 * reinstatement it calls for. The forms carry the content reference and the decision only;
 * A (the sender) sees the complaints arrive on the signed history, without any form; an
 * auditor at B sees them without forms. Chinese and Russian captions; axe-core on each page.
 */
let A: FedNode;
let B: FedNode;
let session: ConsoleSession;
let curatorA: string;
let curatorB: string;
let auditorB: string;
let referralId: string;
// A URL someone else wrote: markup and a right-to-left override in it render as inert text.
const URL_1 = 'https://video.example/watch?v=<img src=x onerror="window.__pwned=1">\u202Egnp.exe';
const URL_2 = 'https://video.example/watch?v=copy2';
const APP = 'Concord console';

const referralAt = async (node: FedNode, key = node.key) => (await node.proc.call('GET', `/v1/referrals/${referralId}`, key)).json;

const open = (node: FedNode, locale: string) => session.open(node.proc.url, locale);
const check = (page: Page, name: string) => session.check(page, name);

before(async () => {
  if (NO_BROWSER) return;
  [A, B] = await Promise.all([startFedNode('Node A'), startFedNode('Node B')]);
  await register(A, B);
  await register(B, A);
  curatorA = (await A.proc.call('POST', '/v1/keys', A.key, { roles: ['curator'], purpose: 'referral desk' })).json.key;
  curatorB = (await B.proc.call('POST', '/v1/keys', B.key, { roles: ['curator'], purpose: 'trust and safety desk' })).json.key;
  auditorB = (await B.proc.call('POST', '/v1/keys', B.key, { roles: ['auditor'], purpose: 'compliance review' })).json.key;
  const sent = await A.proc.call('POST', '/v1/referrals', curatorA, {
    to: B.id,
    kind: 'referral',
    content: { urls: [URL_1, URL_2] },
    label: 'perpetrator_content',
    grounds: ['incites'],
    legalBasis: 'Terms of service, violent extremism policy',
    statementOfReasons: 'Re-uploads of the attack video.',
    redress: 'Appeal through the partner desk.',
  });
  assert.equal(sent.status, 201, JSON.stringify(sent.json));
  referralId = sent.json.id;
  await waitFor('the referral at B', async () => (await B.proc.call('GET', `/v1/referrals/${referralId}`, B.key)).status === 200, 15_000);
  const atB = await referralAt(B);
  const decided = await B.proc.call('POST', `/v1/referrals/${referralId}/decision`, curatorB, { outcome: 'removed', actedAt: new Date(Math.max(Date.parse(atB.receipt.receivedAt), Date.now() - 200)).toISOString() });
  assert.equal(decided.status, 200, JSON.stringify(decided.json));
  session = await ConsoleSession.launch();
});

after(async () => {
  await session?.close();
  await Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill()));
});

test("B's curator records a rejected complaint with the keyboard alone, then an upheld one, and the reinstatement it calls for", { skip: NO_BROWSER }, async () => {
  const page = await open(B, 'en-US');
  await signIn(page, curatorB);
  await page.goto(`/referrals/${referralId}`);
  const section = page.getByRole('region', { name: 'Complaints and reinstatement (Art. 10)' });
  await section.getByText('No complaint recorded.').waitFor();
  await titleIs(page, `Referral ${referralId} · ${APP}`);
  assert.match(await section.innerText(), /Reinstatement\s+none pending/);
  assert.equal(await section.getByRole('heading', { name: 'Record the reinstatement' }).count(), 0, 'nothing to reinstate yet');
  // The form asks for the content and the decision, and nothing else.
  const form = section.locator('form');
  assert.equal(await form.count(), 1);
  assert.deepEqual(await form.locator('input, select, textarea').evaluateAll((els) => els.map((e) => (e as any).name || (e as any).id)), ['complaint-ref', 'complaint-decision', 'complaint-decision']);
  const options = await section.getByLabel('Content', { exact: true }).locator('option').allInnerTexts();
  assert.deepEqual(options, [URL_1.replace('\u202E', '⟦U+202E⟧'), URL_2]);
  await check(page, 'referral-complaint-form');

  // With the keyboard alone: choose the second URL, keep "Rejected", submit.
  await section.getByLabel('Content', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await section.getByLabel('Content', { exact: true }).inputValue(), URL_2);
  await tabTo(page, 'Record the complaint');
  await page.keyboard.press('Enter');
  await section.getByRole('status').filter({ hasText: 'Complaint recorded (rejected).' }).waitFor();
  const recorded = section.getByRole('table', { name: 'Complaints recorded' });
  await recorded.getByRole('row').filter({ hasText: URL_2 }).filter({ hasText: 'rejected' }).waitFor();
  assert.match(await section.innerText(), /Reinstatement\s+none pending/, 'a rejected complaint calls for no reinstatement');

  await section.getByLabel('Content', { exact: true }).selectOption(URL_1);
  await section.getByRole('group', { name: 'Decision' }).getByLabel('Upheld: the content is to be reinstated').check();
  await section.getByRole('button', { name: 'Record the complaint' }).click();
  await section.getByRole('status').filter({ hasText: 'Complaint recorded (upheld).' }).waitFor();
  const hostile = recorded.locator('bdi', { hasText: 'window.__pwned' });
  assert.ok((await hostile.innerText()).includes('<img src=x onerror="window.__pwned=1">⟦U+202E⟧gnp.exe'));
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.match(await section.innerText(), /Reinstatement\s+pending/);
  // The reinstatement form offers the content of the upheld complaint first.
  const reinstate = section.locator('form').filter({ has: page.getByRole('heading', { name: 'Record the reinstatement' }) });
  assert.equal(await reinstate.getByLabel('Content', { exact: true }).inputValue(), URL_1);
  await check(page, 'referral-complaint-upheld');
  await reinstate.getByRole('button', { name: 'Record the reinstatement' }).click();
  await section.getByRole('status').filter({ hasText: 'Reinstatement recorded.' }).waitFor();
  const done = await referralAt(B);
  assert.equal(done.reinstatement.status, 'done');
  await section.getByText(`done ${done.reinstatement.at}`).waitFor();
  assert.equal(await section.getByRole('heading', { name: 'Record the reinstatement' }).count(), 0);
  const history = await page.getByRole('table', { name: 'Signed history' }).innerText();
  assert.equal((history.match(/^complaint\t/gm) ?? []).length, 2, history);
  assert.match(history, /^reinstated\t/m);
  await check(page, 'referral-reinstated');

  // The node holds the content and the decision only: nothing about who complained.
  const complaints = done.history.filter((e: { type: string }) => e.type === 'complaint');
  assert.deepEqual(complaints.map((e: { details: object }) => Object.keys(e.details).sort()), [['contentRef', 'decision'], ['contentRef', 'decision']]);
  assert.deepEqual(complaints.map((e: { details: { contentRef: string; decision: string } }) => [e.details.contentRef, e.details.decision]), [[URL_2, 'rejected'], [URL_1, 'upheld']]);
});

test('A, the sender, sees the complaints and the reinstatement arrive on the signed history, with no form; an auditor at B reads them without forms', { skip: NO_BROWSER }, async () => {
  await waitFor('the reinstatement at A', async () => (await referralAt(A, curatorA)).reinstatement?.status === 'done', 15_000);
  const page = await open(A, 'en-US');
  await signIn(page, curatorA);
  await page.goto(`/referrals/${referralId}`);
  const section = page.getByRole('region', { name: 'Complaints and reinstatement (Art. 10)' });
  const rows = section.getByRole('table', { name: 'Complaints recorded' }).locator('tbody tr');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await section.innerText(), /Reinstatement\s+done /);
  assert.equal(await section.locator('form').count(), 0, 'only the receiver records complaints');
  await check(page, 'referral-complaints-sender');

  const auditor = await open(B, 'en-US');
  await signIn(auditor, auditorB);
  await auditor.goto(`/referrals/${referralId}`);
  const seen = auditor.getByRole('region', { name: 'Complaints and reinstatement (Art. 10)' });
  await seen.getByRole('table', { name: 'Complaints recorded' }).waitFor();
  assert.equal(await seen.locator('form').count(), 0, 'an auditor reads, never records');
  await check(auditor, 'referral-complaints-auditor');
});

test('in Chinese and Russian: the section, its table and the complaint form have their captions', { skip: NO_BROWSER }, async () => {
  for (const [locale, region, table, form, submit] of [
    ['zh-CN', '申诉与恢复（第 10 条）', '已记录的申诉', '记录申诉', '记录申诉'],
    ['ru-RU', 'Жалобы и восстановление (ст. 10)', 'Записанные жалобы', 'Записать жалобу', 'Записать жалобу'],
  ] as const) {
    const page = await open(B, locale);
    await signIn(page, curatorB);
    await page.goto(`/referrals/${referralId}`);
    const section = page.getByRole('region', { name: region });
    await section.getByRole('table', { name: table }).waitFor();
    await section.getByRole('heading', { name: form }).waitFor();
    await section.getByRole('button', { name: submit }).waitFor();
    await check(page, `referral-complaints-${locale.slice(0, 2)}`);
  }
});

test('no serious or critical axe-core finding on the complaint pages, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(session.axeFindings, []);
  assert.deepEqual(session.pageProblems, []);
});
