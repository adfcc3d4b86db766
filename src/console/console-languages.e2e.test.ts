import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { axeViolations, NO_BROWSER, shot, signIn, startConsoleRig, watchPage, type ConsoleRig } from './console-browser.test-helper.js';

/**
 * The console in Chinese, Russian and English (chosen from the browser, switchable,
 * remembered), Arabic content right to left, and hostile content shown as inert text.
 */
let rig: ConsoleRig;
const contexts: BrowserContext[] = [];
let bankId: number;
let hostileBankId: number;
let arabicSignal: number;
const LONG = 'A'.repeat(10_000);
// The API keeps reasons and descriptions under 4,000 characters; a URL signal carries the 10,000.
const LONG_REASON = 'B'.repeat(3_900);
const HOSTILE_NAME = '<script>window.__pwned = 1</script><b>bold</b>';
const HOSTILE_DESCRIPTION = '<img src=x onerror="window.__pwned = 2"> \u202Egnp.exe\u202C ' + LONG_REASON;
let hostileSignal: number;

before(async () => {
  if (NO_BROWSER) return;
  rig = await startConsoleRig();
  bankId = (await rig.api('POST', '/v1/banks', rig.adminKey, { name: 'بنك الفيديو', description: 'مقاطع صورها المهاجمون' })).id;
  const { signals } = await rig.api('POST', `/v1/banks/${bankId}/signals`, rig.adminKey, {
    signals: [{ type: 'md5', value: 'aa'.repeat(16), label: 'perpetrator_content', reason: 'تسجيل للهجوم نشره المهاجم', distribution: 'local' }],
  });
  arabicSignal = signals[0].id;
  hostileBankId = (await rig.api('POST', '/v1/banks', rig.adminKey, { name: HOSTILE_NAME, description: HOSTILE_DESCRIPTION })).id;
  const hostile = await rig.api('POST', `/v1/banks/${hostileBankId}/signals`, rig.adminKey, {
    signals: [{ type: 'url', value: `https://example.com/${LONG}`, label: 'perpetrator_content', reason: `<script>window.__pwned = 3</script> \u2067bidi\u2069 ${LONG_REASON}`, distribution: 'local' }],
  });
  hostileSignal = hostile.signals[0].id;
});

after(async () => {
  for (const c of contexts) await c.close();
  await rig?.stop();
});

async function open(locale: string) {
  const ctx = await rig.context(locale);
  contexts.push(ctx);
  const page = await ctx.newPage();
  return { page, watch: watchPage(page) };
}

test('Chinese from the browser language: sign-in, menu and a page in simplified Chinese', { skip: NO_BROWSER }, async () => {
  const { page, watch } = await open('zh-CN');
  await page.goto('/');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  await page.getByLabel('API 密钥').fill(rig.adminKey);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
  await page.getByRole('button', { name: '验证哈希链' }).click();
  await page.getByRole('status').filter({ hasText: /哈希链验证通过/ }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await shot(page, 'audit-zh');
  assert.deepEqual(watch.problems, []);
});

test('Russian chosen in the switcher is remembered after a reload; English from an English browser', { skip: NO_BROWSER }, async () => {
  const { page, watch } = await open('en-GB');
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await signIn(page, rig.adminKey);
  await page.getByRole('link', { name: 'Банки' }).click();
  await page.getByRole('heading', { name: 'Банки' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Банки' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  assert.deepEqual(watch.problems, []);
});

test('Arabic content runs right to left, in its own isolated element, inside a left-to-right page', { skip: NO_BROWSER }, async () => {
  const { page } = await open('en-US');
  await signIn(page, rig.adminKey);
  await page.goto(`/signals/${arabicSignal}`);
  const reason = page.locator('dd.reason bdi');
  await reason.getByText('تسجيل للهجوم نشره المهاجم').waitFor();
  assert.equal(await reason.getAttribute('dir'), 'auto');
  assert.equal(await reason.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'rtl');
  assert.equal(await page.locator('main h1').evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'ltr');
  await page.goto('/banks');
  const name = page.getByRole('cell', { name: 'بنك الفيديو' }).locator('bdi');
  assert.equal(await name.evaluate((el) => (globalThis as any).getComputedStyle(el).direction), 'rtl');
  await shot(page, 'banks-rtl');
});

test('hostile bank names, descriptions and reasons render as text: no script runs, bidi controls shown, long strings wrapped', { skip: NO_BROWSER }, async () => {
  const { page, watch } = await open('en-US');
  await signIn(page, rig.adminKey);
  await page.goto('/banks');
  await page.getByText(HOSTILE_NAME, { exact: true }).waitFor();
  await page.goto(`/signals?bank=${hostileBankId}`);
  await page.getByRole('table', { name: 'Page 1' }).waitFor();
  await page.locator('td.reason bdi', { hasText: '<script>window.__pwned = 3</script>' }).waitFor();
  await page.goto('/banks');
  const description = page.locator('td.reason bdi', { hasText: 'onerror' });
  const text = await description.innerText();
  assert.ok(text.includes('<img src=x onerror="window.__pwned = 2">'));
  // The right-to-left override is shown as a marker, not obeyed.
  assert.ok(text.includes('⟦U+202E⟧gnp.exe⟦U+202C⟧'), text.slice(0, 80));
  assert.equal(await page.locator('main img, main script, main b').count(), 0);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  // 10,000 characters without a break wrap inside the page instead of widening it.
  const widths = await page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
  assert.ok(widths.scroll <= widths.client + 1, JSON.stringify(widths));
  assert.deepEqual(await axeViolations(page), []);
  await shot(page, 'hostile');
  await page.goto(`/signals/${hostileSignal}`);
  await page.locator('dd.value bdi', { hasText: LONG }).waitFor();
  assert.ok((await page.locator('dd.reason bdi').innerText()).includes('⟦U+2067⟧bidi⟦U+2069⟧'));
  const signalWidths = await page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
  assert.ok(signalWidths.scroll <= signalWidths.client + 1, JSON.stringify(signalWidths));
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.deepEqual(watch.problems, []);
});
