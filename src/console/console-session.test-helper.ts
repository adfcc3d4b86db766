import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { axeViolations, CHROMIUM, CHROMIUM_ARGS, SHOT_DIR, shot, watchPage } from './console-browser.test-helper.js';

/**
 * One headless Chromium for a console e2e file. Every page it opens has its own storage and
 * is watched for CSP refusals, page errors and dialogs; `check` waits for the page to load,
 * runs axe-core and takes a screenshot. Findings are collected rather than thrown, so a file
 * walks all its pages and its last test asserts `axeFindings` and `pageProblems` empty.
 */
export class ConsoleSession {
  readonly axeFindings: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private readonly watches: { problems: string[] }[] = [];

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<ConsoleSession> {
    mkdirSync(SHOT_DIR, { recursive: true });
    return new ConsoleSession(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  }

  /**
   * A fresh page on the console at `baseURL` in a browser language. `browserClockOffsetMs`
   * sets the browser's wall clock wrong by that much: countdowns must follow the node's clock.
   */
  async open(baseURL: string, locale = 'en-US', browserClockOffsetMs = 0): Promise<Page> {
    const ctx = await this.browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 } });
    this.contexts.push(ctx);
    const page = await ctx.newPage();
    if (browserClockOffsetMs !== 0) await page.clock.setSystemTime(new Date(Date.now() + browserClockOffsetMs));
    this.watches.push(watchPage(page));
    return page;
  }

  /** Waits for the page's heading and for its loading notes to go, then runs axe-core and takes screenshot `name`. */
  async check(page: Page, name: string): Promise<void> {
    await page.locator('main h1').first().waitFor();
    await page.locator('main [role=status]').filter({ hasText: /Loading|加载|Загрузка/ }).first().waitFor({ state: 'detached' }).catch(() => undefined);
    this.axeFindings.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
    await shot(page, name);
  }

  /** CSP refusals, page errors and dialogs seen on every page opened. */
  get pageProblems(): string[] {
    return this.watches.flatMap((w) => w.problems);
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close();
    await this.browser.close();
  }
}

/** Presses Tab until the button named `name` has the focus: every control on the way is reachable by keyboard. */
export async function tabTo(page: Page, name: string, presses = 200): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ tag: string; text: string }>('({ tag: document.activeElement?.tagName ?? "", text: document.activeElement?.textContent?.trim() ?? "" })');
    if (focused.tag === 'BUTTON' && focused.text === name) return;
  }
  throw new Error(`Tab never reached the button "${name}"`);
}

/** The tab's title, once the page has set it. */
export async function titleIs(page: Page, expected: string): Promise<void> {
  await page.waitForFunction(`document.title === ${JSON.stringify(expected)}`, undefined, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await page.title(), expected);
}
