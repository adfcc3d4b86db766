import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { NodeProcess } from '../testing/node-process.js';
import { packageRoot } from '../util/package-root.js';

/** Debian's Chromium; the console's browser tests skip (with this reason) only where it is absent. */
export const CHROMIUM = '/usr/bin/chromium';
export const NO_BROWSER = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;

/** Headless, without the background traffic a desktop browser makes. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Screenshots of the console's pages go here (gitignored). */
export const SHOT_DIR = join(packageRoot(), 'test-output', 'console');

/** A real node (`concord serve` on 127.0.0.1) and a headless Chromium pointed at it. */
export interface ConsoleRig {
  readonly node: NodeProcess;
  readonly browser: Browser;
  readonly adminKey: string;
  /** A browser context with its own storage, in a browser language (e.g. 'zh-CN'). */
  context(locale?: string): Promise<BrowserContext>;
  /** The node's API as the given key. */
  api(method: string, path: string, key: string, body?: unknown): Promise<any>;
  keyWith(...roles: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startConsoleRig(): Promise<ConsoleRig> {
  const node = await NodeProcess.start(mkdtempSync(join(tmpdir(), 'concord-console-')));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SHOT_DIR, { recursive: true });
  const adminKey = node.adminKey();
  const api = async (method: string, path: string, key: string, body?: unknown) => {
    const res = await fetch(node.url + path, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json: any = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    node,
    browser,
    adminKey,
    async context(locale = 'en-US') {
      return browser.newContext({ baseURL: node.url, locale, viewport: { width: 1280, height: 900 } });
    },
    api,
    async keyWith(...roles) {
      return (await api('POST', '/v1/keys', adminKey, { roles, purpose: `console test ${roles.join('+')}` })).key;
    },
    async stop() {
      await browser.close();
      await node.kill('SIGTERM');
    },
  };
}

/** Signs in through the form and waits for the menu. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/');
  await page.locator('#api-key').fill(key);
  await page.locator('form.signin button[type=submit]').click();
  await page.locator('nav ul').waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * console's policy stays as strict as in production.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate<{ violations: unknown[] }>("axe.run(document, { resultTypes: ['violations'] })");
  return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A screenshot under test-output/console/: the whole page, or the first screen of a very tall one. */
export async function shot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.screenshot({ path: join(SHOT_DIR, `${name}.png`), fullPage: height <= 3000 });
}

/** Collects what the page's CSP refused and any error thrown in the page, for a test to assert empty. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { problems };
}
