import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { register, startFedNode, waitFor, type FedNode } from '../testing/federation-nodes.js';
import type { Page } from 'playwright-core';
import { NO_BROWSER, signIn } from './console-browser.test-helper.js';
import { ConsoleSession, tabTo } from './console-session.test-helper.js';

/**
 * Referrals and removal orders in a real Chromium against two real node processes on
 * 127.0.0.1: A's curator sends a removal order through the form; B's curator, in Russian,
 * sees its one-hour clock counting down, acknowledges, reports an obstacle (the clock
 * pauses), A clears it (it runs again), B decides (it stops). The countdown follows the
 * node's clock even when the browser's is hours wrong. axe-core on each page.
 */
const HOUR = 3_600_000;
let A: FedNode;
let B: FedNode;
let session: ConsoleSession;
let curatorA: string;
let curatorB: string;
let orderId: string;
const URL_1 = 'https://video.example/watch?v=attack1';
// Someone else's words with markup, bidi controls and Arabic: inert text in its own direction.
const REASONS = `بث مباشر للهجوم صوره المنفذ <script>window.__pwned = 1</script> \u202Eexe.gnp ${'W'.repeat(3000)}`;

const referralAt = async (node: FedNode, id: string) => (await node.proc.call('GET', `/v1/referrals/${id}`, node.key)).json;
const until = (what: string, node: FedNode, id: string, ok: (r: any) => boolean) => waitFor(`${what} at ${node.name}`, async () => ok(await referralAt(node, id)), 15_000);

async function sendByApi(body: Record<string, unknown>): Promise<string> {
  const res = await A.proc.call('POST', '/v1/referrals', curatorA, {
    to: B.id,
    content: { urls: [`https://video.example/watch?v=${Math.random().toString(36).slice(2)}`] },
    label: 'perpetrator_content',
    grounds: ['incites'],
    legalBasis: 'Terms of service, violent extremism policy',
    statementOfReasons: 'A re-upload of the attack video.',
    redress: 'Appeal through the partner desk.',
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  await until('the receipt', A, res.json.id, (r) => r.receipt !== null);
  return res.json.id;
}

const open = (node: FedNode, locale: string, browserClockOffsetMs = 0) => session.open(node.proc.url, locale, browserClockOffsetMs);
const check = (page: Page, name: string) => session.check(page, name);

before(async () => {
  if (NO_BROWSER) return;
  [A, B] = await Promise.all([startFedNode('Node A'), startFedNode('Node B')]);
  await register(A, B);
  await register(B, A);
  curatorA = (await A.proc.call('POST', '/v1/keys', A.key, { roles: ['curator'], purpose: 'referral desk' })).json.key;
  curatorB = (await B.proc.call('POST', '/v1/keys', B.key, { roles: ['curator'], purpose: 'trust and safety desk' })).json.key;
  session = await ConsoleSession.launch();
});

after(async () => {
  await session?.close();
  await Promise.all([A, B].filter(Boolean).map((n) => n.proc.kill()));
});

test("A's curator sends a removal order with its Annex I fields through the form; after B's receipt its one-hour clock counts down", { skip: NO_BROWSER }, async () => {
  const page = await open(A, 'en-US');
  await signIn(page, curatorA);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referrals & orders' }).click();
  await page.getByText('No referrals match.').waitFor();
  await check(page, 'referrals-empty');
  await page.getByRole('link', { name: 'Send a referral or removal order' }).click();
  await page.getByLabel('Partner node', { exact: true }).selectOption(B.id);
  await page.getByRole('group', { name: 'Kind' }).getByLabel('Removal order').check();
  await page.getByLabel('Content URLs').fill(URL_1);
  await page.getByLabel('Label', { exact: true }).selectOption('perpetrator_content');
  await page.getByLabel('(a) incites a terrorist offence').check();
  await page.getByLabel('(e) threatens a terrorist offence').check();
  await page.getByLabel('Legal basis').fill('Art. 3 Regulation (EU) 2021/784');
  await page.getByLabel('Statement of reasons').fill(REASONS);
  await page.getByLabel('Redress').fill('An administrative appeal lies with the issuing authority within 30 days.');
  await page.getByLabel('Issuing authority').fill('National referral unit');
  await page.getByLabel('Reference number').fill('RO-2026-0042');
  await page.getByLabel('Member State (two letters)').fill('FR');
  await page.getByLabel('Issued at').fill('2026-12-01T09:30');
  await page.getByLabel('Contact point (a unit, not a person)').fill('referral desk, functional mailbox');
  await check(page, 'referral-send');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
  orderId = page.url().split('/').pop()!;
  await page.getByRole('heading', { name: 'Removal order (Annex I)' }).waitFor();
  await until('the receipt', A, orderId, (r) => r.receipt !== null);
  await page.reload();
  const timer = page.getByRole('region', { name: 'Time left to decide' }).getByRole('timer');
  await timer.filter({ hasText: /^0:5\d:\d\d left \(decision\)$/ }).waitFor();
  // It ticks in the page, without asking the node again.
  const first = await timer.innerText();
  await page.waitForTimeout(2200);
  assert.notEqual(await timer.innerText(), first, 'the countdown ticks');
  const receipt = await page.getByRole('region', { name: 'Receipt' }).innerText();
  const atA = await referralAt(A, orderId);
  assert.ok(receipt.includes(atA.sentAt) && receipt.includes(atA.receipt.receivedAt), 'exact send and receipt times');
  const order = await page.getByRole('region', { name: 'Removal order (Annex I)' }).innerText();
  for (const text of ['National referral unit', 'RO-2026-0042', 'FR', 'referral desk, functional mailbox']) assert.ok(order.includes(text), text);
  const reasons = page.getByRole('region', { name: 'Content and grounds' }).locator('bdi', { hasText: 'window.__pwned' });
  assert.ok((await reasons.innerText()).includes('⟦U+202E⟧exe.gnp'));
  assert.equal(await reasons.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'rtl');
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  // 3,000 characters without a break wrap inside the page instead of widening it.
  const widths = await page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
  assert.ok(widths.scroll <= widths.client + 1, JSON.stringify(widths));
  // The sender has nothing to do until an obstacle stands.
  assert.equal(await page.getByRole('heading', { name: 'Actions' }).count(), 0);
  await check(page, 'referral-sent');
});

test('B in Russian: the received order counts down in the list; acknowledge, obstacle pauses the clock, A clears it, B decides and the clock stops', { skip: NO_BROWSER }, async () => {
  const b = await open(B, 'ru-RU');
  await signIn(b, curatorB);
  await b.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Обращения и предписания' }).click();
  await b.getByLabel('Направление').selectOption('in');
  await b.getByRole('button', { name: 'Применить' }).click();
  await b.waitForURL(/direction=in/);
  const row = b.getByRole('row').filter({ hasText: 'Предписание об удалении' });
  await row.getByRole('timer').filter({ hasText: /^осталось 0:5\d:\d\d \(решение\)$/ }).waitFor();
  await check(b, 'referrals-received-ru');
  await row.getByRole('link', { name: 'Предписание об удалении' }).click();
  await b.getByRole('heading', { name: 'Действия' }).waitFor();
  await check(b, 'referral-received-ru');

  await b.getByRole('group', { name: 'Действие' }).getByLabel('Подтвердить').check();
  await b.getByRole('button', { name: 'Подтвердить' }).click();
  await b.getByRole('status').filter({ hasText: 'Записано: Подтвердить.' }).waitFor();
  await b.getByRole('group', { name: 'Действие' }).getByLabel('Сообщить о препятствии').check();
  await b.getByLabel('Причина', { exact: true }).selectOption('insufficient_information');
  await b.getByLabel('Пояснение').fill('По ссылке несколько видео; какое из них?');
  await b.getByRole('button', { name: 'Сообщить о препятствии' }).click();
  await b.getByText(/^приостановлено из-за препятствия, осталось 0:5\d:\d\d$/).waitFor();
  await check(b, 'referral-obstacle-ru');

  await until('the obstacle', A, orderId, (r) => r.status === 'obstructed');
  const a = await open(A, 'en-US');
  await signIn(a, curatorA);
  await a.goto(`/referrals/${orderId}`);
  const obstacle = await a.getByRole('region', { name: 'Obstacle (Annex III)' }).innerText();
  assert.ok(obstacle.includes('Not enough information to execute it') && obstacle.includes('По ссылке несколько видео'), obstacle);
  await a.getByText(/^paused by an obstacle, 0:5\d:\d\d left$/).waitFor();
  await a.getByLabel('More information or correction').fill('The second video on the page, 03:12 in.');
  await a.getByRole('button', { name: 'Clear the obstacle' }).click();
  await a.getByRole('timer').filter({ hasText: /^0:5\d:\d\d left \(decision\)$/ }).waitFor();
  await check(a, 'referral-cleared');

  await until('the clearing', B, orderId, (r) => r.status === 'acknowledged' && r.clock.dueAt !== null);
  await b.reload();
  await b.getByRole('group', { name: 'Действие' }).getByLabel('Принять решение').check();
  await b.getByLabel('Итог').selectOption('removed');
  await b.getByRole('button', { name: 'Принять решение' }).click();
  await b.getByText('остановлено: решено').waitFor();
  const decision = await b.getByRole('region', { name: 'Решение (приложение II)' }).innerText();
  const atB = await referralAt(B, orderId);
  assert.ok(decision.includes('удалено') && decision.includes(atB.decision.actedAt) && decision.includes(atB.decision.decidedAt), decision);
  await check(b, 'referral-decided-ru');

  await until('the decision', A, orderId, (r) => r.status === 'decided');
  await a.reload();
  await a.getByText('stopped: decided').waitFor();
  const history = await a.getByRole('table', { name: 'Signed history' }).innerText();
  for (const event of ['sent', 'receipt', 'acknowledged', 'obstacle', 'obstacle cleared', 'decided']) assert.match(history, new RegExp(`^${event}\\t`, 'm'));
  assert.match(history, /signed by its writer, verified here/);
  await check(a, 'referral-decided');
});

test("the countdown follows the node's clock, not the browser's: right with the browser 3 h fast or 2 h slow; overdue and acknowledgement clocks shown", { skip: NO_BROWSER }, async () => {
  const fresh = await sendByApi({ kind: 'removal_order', order: { issuingAuthority: 'Unit', reference: 'RO-2', memberState: 'DE', issuedAt: new Date().toISOString(), contactPoint: 'desk' } });
  const threat = await sendByApi({ kind: 'threat_to_life' });
  const late = await sendByApi({ kind: 'referral', deadline: new Date(Date.now() + 2500).toISOString() });
  await until('the late referral overdue', B, late, (r) => r.overdue === true);
  for (const offset of [3 * HOUR, -2 * HOUR]) {
    const page = await open(B, 'en-US', offset);
    assert.ok(Math.abs((await page.evaluate<number>('Date.now()')) - (Date.now() + offset)) < 60_000, 'the browser clock is skewed');
    await signIn(page, curatorB);
    await page.goto(`/referrals/${fresh}`);
    await page.getByRole('timer').filter({ hasText: /^0:5\d:\d\d left \(decision\)$/ }).waitFor();
    await page.goto('/referrals?direction=in');
    await page.getByRole('row').filter({ hasText: 'Threat-to-life notice' }).getByRole('timer').filter({ hasText: /^0:1[0-4]:\d\d left \(acknowledgement\)$/ }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Referral' }).filter({ hasText: /overdue by 0:00:\d\d \(decision\)/ }).waitFor();
    if (offset > 0) await check(page, 'referrals-list-skewed-browser');
  }
  // The overdue filter asks the node, which lists exactly the late one.
  const page = await open(B, 'en-US');
  await signIn(page, curatorB);
  await page.goto('/referrals?overdue=true');
  await page.getByRole('table', { name: 'Referrals (1)' }).waitFor();
  // Acknowledging a threat-to-life notice stops its clock: done with the keyboard alone.
  await page.goto(`/referrals/${threat}`);
  await page.getByRole('heading', { name: 'Actions' }).waitFor();
  await tabTo(page, 'Acknowledge');
  await page.keyboard.press('Enter');
  await page.getByText('stopped: acknowledged').waitFor();
  await check(page, 'referral-threat-acknowledged');
});

test('no serious or critical axe-core finding on any referral page, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, async () => {
  assert.deepEqual(session.axeFindings, []);
  assert.deepEqual(session.pageProblems, []);
});
