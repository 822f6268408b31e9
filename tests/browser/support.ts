// Shared by the browser tests: Debian's Chromium through playwright-core, a catalogue with the demo
// loaded and listening on a free port, and axe-core's WCAG 2.1 AA check.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../server/seed/demo';
import { startCatalogue, TestCatalogue } from '../support/harness';

const browserPath = process.env.CATALOGO_BROWSER || '/usr/bin/chromium';
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Without a browser the suite is reported as skipped; in CI (scripts/test.js) a skip is a failure. */
export const describeInBrowser = fs.existsSync(browserPath) ? describe : describe.skip;

export interface BrowserWorld {
  cat: TestCatalogue;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The demo catalogue served on 127.0.0.1 and a headless Chromium that cannot reach the network; an empty
 * catalogue with `demo: false` (quicker, for a test that makes its own data), `env` for the server's settings.
 */
export async function startBrowserWorld(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<BrowserWorld> {
  const cat = await startCatalogue(opts.env ?? {});
  if (opts.demo !== false) await loadDemo(cat.services);
  const server: http.Server = cat.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    cat, browser, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await cat.close();
    },
  };
}

/** axe's WCAG 2.1 AA violations on the page, one readable line each. The page needs bypassCSP: axe is
 * injected as an inline script, which our CSP (script-src 'self') rightly blocks. */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  // Once per page: it stays there when the page is checked again at another width.
  if ((await page.evaluate('typeof axe')) === 'undefined') await page.addScriptTag({ content: axeSource });
  // Evaluated in the page: a string, so that the test code needs no DOM types.
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })`,
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
  return results.violations.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The widths every page is checked at: a desktop and a 390 px wide phone. */
export const WIDTHS = [1280, 390];

/** A line naming the page when it scrolls sideways (its content wider than the screen), else nothing. */
export async function sidewaysScroll(page: Page, label: string): Promise<string[]> {
  const { scrollWidth, clientWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
  )) as { scrollWidth: number; clientWidth: number };
  return scrollWidth > clientWidth ? [`${label}: scrolls sideways (${scrollWidth} px of content on a ${clientWidth} px screen)`] : [];
}

/** axe's violations on the page at each width, and any sideways scroll there. */
export async function violationsAtWidths(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    found.push(...(await axeViolations(page, `${label} at ${width}px`)), ...(await sidewaysScroll(page, `${label} at ${width}px`)));
  }
  return found;
}

/** `path` asking for `lang` (?lang=, which also sets the language cookie of the browser context). */
export function inLanguage(path: string, lang: 'it' | 'en'): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

// One browser context per world and language, kept: its cache spares every page the download of the styles
// and scripts again, and its language cookie (set by ?lang=) stays that language's.
const contexts = new WeakMap<BrowserWorld, Promise<Record<'it' | 'en', BrowserContext>>>();

function languageContexts(world: BrowserWorld): Promise<Record<'it' | 'en', BrowserContext>> {
  if (!contexts.has(world)) {
    contexts.set(world, Promise.all([world.browser.newContext({ bypassCSP: true }), world.browser.newContext({ bypassCSP: true })])
      .then(([it, en]) => ({ it, en })));
  }
  return contexts.get(world)!;
}

/**
 * axe's violations on `path` in Italian and in English, at desktop and phone widths (and any sideways
 * scroll), each in a new page (and the page answered 200).
 */
export async function violationsOnPath(world: BrowserWorld, path: string): Promise<string[]> {
  const found: string[] = [];
  const byLanguage = await languageContexts(world);
  for (const lang of ['it', 'en'] as const) {
    const page = await byLanguage[lang].newPage();
    try {
      const response = await page.goto(world.base + inLanguage(path, lang));
      if (response?.status() !== 200) return [`${path}: answered ${response?.status()}`];
      found.push(...(await violationsAtWidths(page, `${path} (${lang})`)));
    } finally {
      await page.close();
    }
  }
  return found;
}

const screenshotDir = process.env.CATALOGO_SCREENSHOTS || path.join('.tmp', 'screenshots');

/** A full-page screenshot, kept for people to look at (.tmp/screenshots, or CATALOGO_SCREENSHOTS). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
