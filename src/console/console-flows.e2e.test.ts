import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { packageRoot } from '../util/package-root.js';
import { axeViolations, NO_BROWSER, shot, signIn, startConsoleRig, watchPage, type ConsoleRig } from './console-browser.test-helper.js';

/**
 * The console's main flows in a real Chromium against a real node: sign in and out, hash
 * and submit a real image, review with a second and third key, browse with filters and
 * server-side pages, dispute and retract on a signal's page, keys, audit verification.
 * axe-core runs on every page; nothing may be refused by the CSP or throw.
 */
const IMAGE = join(packageRoot(), 'samples', 'images', 'bridge-original.jpg');
const md5 = () => randomBytes(16).toString('hex');

let rig: ConsoleRig;
let ctx: BrowserContext;
let page: Page;
let watch: { problems: string[] };
let curator: string;
let reviewers: string[];
let bankId: number;
const axeFindings: string[] = [];

async function checkPage(name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.locator('[role=status]', { hasText: /Loading/ }).waitFor({ state: 'detached' }).catch(() => undefined);
  axeFindings.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
  await shot(page, name);
}

before(async () => {
  if (NO_BROWSER) return;
  rig = await startConsoleRig();
  curator = await rig.keyWith('curator');
  reviewers = [await rig.keyWith('reviewer'), await rig.keyWith('reviewer')];
  bankId = (await rig.api('POST', '/v1/banks', rig.adminKey, { name: 'attack videos', description: 'Footage filmed by attackers' })).id;
  ctx = await rig.context('en-US');
  page = await ctx.newPage();
  watch = watchPage(page);
});

after(async () => {
  await ctx?.close();
  await rig?.stop();
});

test('a refused key is told so; a good key signs in, the key stays in sessionStorage only, and sign-out forgets it', { skip: NO_BROWSER }, async () => {
  await page.goto('/');
  await page.getByLabel('API key').fill('not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'AUTH_INVALID' }).waitFor();
  await checkPage('sign-in');
  await signIn(page, curator);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  assert.equal(await page.evaluate("sessionStorage.getItem('concord.apiKey')"), curator);
  assert.equal(await page.evaluate<string>('JSON.stringify(localStorage)').then((s) => s.includes(curator)), false);
  // A curator's menu: no review queue, keys or audit log.
  const menu = await page.getByRole('navigation', { name: 'Main navigation' }).innerText();
  assert.match(menu, /Hash & submit/);
  assert.doesNotMatch(menu, /Review queue|Keys & roles|Audit log/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  assert.equal(await page.evaluate("sessionStorage.getItem('concord.apiKey')"), null);
});

test('hash & submit: a real image is hashed on the node, its signals shown with quality, added to a bank; hashed again, its matches come first; pasted text is hashed too', { skip: NO_BROWSER }, async () => {
  await signIn(page, curator);
  await page.getByRole('link', { name: 'Hash & submit' }).click();
  await page.getByLabel('File to hash').setInputFiles(IMAGE);
  await page.getByRole('button', { name: 'Hash on this node' }).click();
  const signals = page.getByRole('region', { name: 'Signals', exact: true });
  await signals.getByRole('cell', { name: 'pdq', exact: true }).waitFor();
  assert.match(await signals.innerText(), /pdq\s+[0-9a-f]{64}\s+\d+\s+✓/);
  await page.getByRole('heading', { name: 'No match among the known signals.' }).waitFor();
  await page.getByLabel('Bank', { exact: true }).selectOption(String(bankId));
  await page.getByLabel('Label', { exact: true }).selectOption('perpetrator_content');
  await page.getByLabel('Reason').fill('Frame of the attacker livestream');
  await checkPage('hash-submit');
  await page.getByRole('button', { name: 'Submit signals' }).click();
  await page.getByRole('status').filter({ hasText: /signals added/ }).waitFor();

  await page.getByRole('button', { name: 'Hash on this node' }).click();
  const matched = page.locator('section.matched');
  await matched.getByRole('heading', { name: /Already known: \d+ matches/ }).waitFor();
  // Matches are shown before the signals.
  const order = await page.locator('main section h2').allInnerTexts();
  assert.ok(order.findIndex((h) => h.startsWith('Already known')) < order.indexOf('Signals'), order.join(' | '));
  await shot(page, 'hash-matched');

  // Pasted text is hashed on the node too.
  await page.getByRole('radio', { name: 'Text' }).check();
  await page.getByLabel('Text to hash').fill('The attack manual, chapter two: assembling the device from common parts, step by step.');
  await page.getByRole('button', { name: 'Hash on this node' }).click();
  await page.getByRole('region', { name: 'Signals', exact: true }).getByRole('cell', { name: 'text_minhash', exact: true }).waitFor();
});

test('review queue: a second key approves one signal, a third rejects another, each with a reason', { skip: NO_BROWSER }, async () => {
  const added = await rig.api('POST', `/v1/banks/${bankId}/signals`, curator, {
    signals: [md5(), md5()].map((value) => ({ type: 'md5', value, label: 'glorification_of_attack', reason: 'Praise of the attack, reposted', distribution: 'partners' })),
  });
  const [first, second] = added.signals.map((s: { id: number }) => s.id) as [number, number];
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, reviewers[0]!);
  await page.getByRole('link', { name: 'Review queue' }).click();
  const item = (id: number) => page.locator(`li[data-signal="${id}"]`);
  await item(first).waitFor();
  await checkPage('review');
  await page.getByLabel(`Reason for signal ${first}`).fill('Checked against the original');
  await item(first).getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: `Signal ${first} approved.` }).waitFor();
  const afterApprove = await rig.api('GET', `/v1/signals/${first}`, rig.adminKey);
  assert.deepEqual(afterApprove.opinions.map((o: { opinion: string }) => o.opinion), ['confirmed']);
  assert.equal(afterApprove.signal.confirmations, 1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, reviewers[1]!);
  await page.getByRole('link', { name: 'Review queue' }).click();
  await page.getByLabel(`Reason for signal ${second}`).fill('Not the attack footage');
  await item(second).getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('status').filter({ hasText: `Signal ${second} rejected.` }).waitFor();
  await item(second).waitFor({ state: 'detached' });
  assert.equal((await rig.api('GET', `/v1/signals/${second}`, rig.adminKey)).signal.status, 'disputed');
});

test('signals: filter by type and label, pages come from the server', { skip: NO_BROWSER }, async () => {
  await rig.api('POST', `/v1/banks/${bankId}/signals`, curator, {
    signals: Array.from({ length: 60 }, (_, i) => ({ type: 'md5', value: md5(), label: i % 2 ? 'instruction_for_violence' : 'perpetrator_manifesto', reason: `Bulk load ${i}`, distribution: 'local' })),
  });
  await page.getByRole('link', { name: 'Banks' }).click();
  await page.getByRole('cell', { name: 'attack videos' }).waitFor();
  await checkPage('banks');
  await page.getByRole('link', { name: `Browse signals: ${bankId}` }).click();
  await page.getByRole('heading', { name: /Signals · attack videos/ }).waitFor();
  await page.getByLabel('Type').selectOption('md5');
  await page.getByLabel('Label').selectOption('instruction_for_violence');
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/v1/signals?') && requests.push(r.url()));
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('table', { name: 'Page 1' }).waitFor();
  const rows = page.getByRole('table', { name: 'Page 1' }).locator('tbody tr');
  assert.equal(await rows.count(), 25);
  assert.ok((await rows.allInnerTexts()).every((r) => r.includes('Instruction for violence')));
  await checkPage('signals');
  const firstIds = await page.locator('tbody tr td:first-child').allInnerTexts();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByRole('table', { name: 'Page 2' }).waitFor();
  const secondIds = await page.locator('tbody tr td:first-child').allInnerTexts();
  assert.equal(secondIds.length, 5); // 30 of this label: 25 + 5
  assert.ok(Number(secondIds[0]) < Number(firstIds[firstIds.length - 1]));
  // The filters and the cursor went to the node, which paged (no client-side slicing).
  assert.ok(requests.some((u) => /type=md5/.test(u) && /label=instruction_for_violence/.test(u) && /limit=25/.test(u)));
  assert.ok(requests.some((u) => /before=\d+/.test(u)));
});

test("a signal's page shows provenance, opinions and audit trail; a reviewer disputes, the curator corrects the label and retracts", { skip: NO_BROWSER }, async () => {
  const { signals } = await rig.api('POST', `/v1/banks/${bankId}/signals`, curator, {
    signals: [{ type: 'md5', value: md5(), label: 'perpetrator_content', reason: 'Attack footage, re-encoded', distribution: 'partners' }],
  });
  const id = signals[0].id as number;
  await page.goto(`/signals/${id}`); // a client route, answered by the node with the console's page
  await page.getByRole('heading', { name: `Signal ${id}` }).waitFor();
  await page.getByLabel('Reason').fill('This is a cropped news report');
  await page.getByRole('button', { name: 'Dispute' }).click();
  await page.getByRole('status').filter({ hasText: 'Done.' }).waitFor();
  await page.getByRole('region', { name: /Opinions · Disputes: 1/ }).getByText('This is a cropped news report').waitFor();
  await checkPage('signal');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, curator);
  await page.goto(`/signals/${id}`);
  await page.getByRole('heading', { name: `Signal ${id}` }).waitFor();
  await page.getByRole('radio', { name: 'Correct the label' }).check();
  await page.getByLabel('New label').selectOption('glorification_of_attack');
  await page.getByLabel('Reason').fill('It praises the attack, it is not footage');
  await page.getByRole('button', { name: 'Correct the label' }).click();
  await page.getByRole('definition').filter({ hasText: 'Glorification of an attack' }).waitFor();
  await page.getByRole('radio', { name: 'Retract' }).check();
  await page.getByLabel('Reason').fill('Added to the wrong bank');
  await page.getByRole('button', { name: 'Retract' }).click();
  await page.getByRole('status').filter({ hasText: 'Done.' }).waitFor();
  await page.getByRole('definition').filter({ hasText: /retracted · Added to the wrong bank/ }).waitFor();
  const audit = await page.getByRole('table', { name: 'Audit trail' }).innerText();
  assert.match(audit, /retract/);
});

test('admin: dashboard, partners, keys (create and revoke) and the audit log with its verification', { skip: NO_BROWSER }, async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, rig.adminKey);
  await page.getByRole('heading', { name: 'Signals and matches per label' }).waitFor();
  await page.getByRole('img', { name: 'Matches per label' }).locator('canvas').waitFor();
  await checkPage('dashboard');
  await page.getByRole('link', { name: 'Partners & sync' }).click();
  await page.getByRole('table', { name: 'Partners & sync' }).waitFor();
  await checkPage('partners');

  await page.getByRole('link', { name: 'Keys & roles' }).click();
  await page.getByRole('checkbox', { name: 'matcher' }).uncheck();
  await page.getByRole('checkbox', { name: 'auditor' }).check();
  await page.getByLabel('Purpose').fill('quarterly audit');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.locator('code.secret').innerText();
  const { keys } = await rig.api('GET', '/v1/keys', rig.adminKey);
  const made = keys.find((k: { purpose: string }) => k.purpose === 'quarterly audit');
  assert.deepEqual(made.roles, ['auditor']);
  assert.equal((await fetch(`${rig.node.url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status, 200);
  await checkPage('keys');
  await page.getByRole('button', { name: `Revoke ${made.id}` }).click();
  await page.getByRole('row').filter({ hasText: made.id }).getByText(/revoked/).waitFor();
  assert.equal((await fetch(`${rig.node.url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status, 401);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('table', { name: 'Audit log' }).waitFor();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await page.getByRole('status').filter({ hasText: /The chain verifies: \d+ entries checked/ }).waitFor();
  await checkPage('audit');
});

test('keyboard: the menu and the sign-out button are reached with Tab alone', { skip: NO_BROWSER }, async () => {
  await page.goto('/');
  await page.locator('nav ul').waitFor();
  const reached = new Set<string>();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''"));
  }
  for (const name of ['Skip to content', 'Sign out', 'Dashboard', 'Hash & submit', 'Review queue', 'Audit log']) assert.ok(reached.has(name), `${name} not reached: ${[...reached].join(' | ')}`);
});

test('no serious or critical axe-core violation on any page, nothing refused by the CSP, no page error', { skip: NO_BROWSER }, () => {
  assert.deepEqual(axeFindings, []);
  assert.deepEqual(watch.problems, []);
});
