// Shared by the editor's browser tests: the demo catalogue, an editor of its Regione Toscana, logged in
// through the real form in one browser context (asking for English), and axe with an overlap check.
import { BrowserContext, Page } from 'playwright-core';
import { runAction } from '../../server/core/actions';
import { addMember, makeUser, sysadminContext, TestUser } from '../support/factories';
import { axeViolations as axeLines, BrowserWorld, inLanguage, sidewaysScroll, startBrowserWorld, WIDTHS } from './support';

export const datasetName = 'rt-beni-confiscati';
export const orgName = 'regione-toscana';

export interface EditorBrowser {
  world: BrowserWorld;
  base: string;
  context: BrowserContext;
  editor: TestUser;
  resourceId: string;
  axeViolations(page: Page, label: string): Promise<string[]>;
  violationsOn(path: string): Promise<string[]>;
}

/** Registers the set-up and tear-down in the calling describe block; the fields are filled in beforeAll. */
export function editorInBrowser(): EditorBrowser {
  const self = {} as EditorBrowser;
  let world: BrowserWorld;
  let base: string;
  let context: BrowserContext;
  let editor: TestUser;
  beforeAll(async () => {
    world = await startBrowserWorld();
    base = world.base;
    editor = await makeUser(world.cat);
    await addMember(world.cat, orgName, editor.name, 'editor');
    const dataset = await runAction('package_show', await sysadminContext(world.cat), { id: datasetName });
    self.resourceId = dataset.resources[0].id;
    // axe is injected as an inline script, which our CSP (script-src 'self') rightly blocks. The browser
    // asks for English: the pages answer in English, while the actions' messages stay Italian (and must say so).
    context = await world.browser.newContext({ bypassCSP: true, locale: 'en-US' });
    // Logged in through the real form, as a person would: the session cookie stays in this context.
    const page = await context.newPage();
    await page.goto(`${base}/user/login`);
    await page.fill('#field-username', editor.name);
    await page.fill('#field-password', editor.password);
    await Promise.all([page.waitForURL(`${base}/user/${encodeURIComponent(editor.name)}`), page.click('main button[type="submit"]')]);
    await page.close();
    Object.assign(self, { world, base, context, editor });
  }, 120000);

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  async function axeViolations(page: Page, label: string): Promise<string[]> {
    const found = await axeLines(page, label);
    // What axe leaves "incomplete" but is plain to see: Bootstrap Italia's floating labels drawn over the
    // heading or the error summary before the form (text over text).
    const covered = (await page.evaluate(`(() => {
      // What shows of an element: its box cut by every scrolling ancestor (a long list scrolls inside its own box).
      const shown = (el) => {
        let { left, top, right, bottom } = el.getBoundingClientRect();
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const c = a.getBoundingClientRect();
          left = Math.max(left, c.left); top = Math.max(top, c.top); right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
        }
        return { left, top, right, bottom };
      };
      const boxes = (selector) => Array.from(document.querySelectorAll(selector)).map((el) => ({ el, r: shown(el) }));
      const meets = (a, b) => a.left < a.right && a.top < a.bottom && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const out = [];
      for (const label of boxes('main label')) {
        for (const other of boxes('main h1, main h2, main p, main .alert')) {
          if (!other.el.contains(label.el) && meets(label.r, other.r)) out.push('label[for=' + label.el.htmlFor + '] over ' + other.el.tagName.toLowerCase() + (other.el.id ? '#' + other.el.id : ''));
        }
      }
      return out;
    })()`)) as string[];
    return [...found, ...covered.map((c) => `${label}: overlapping text (${c})`)];
  }

  /** In Italian, then in English (the language the context keeps for the tests after), at both widths. */
  async function violationsOn(path: string): Promise<string[]> {
    const found: string[] = [];
    for (const lang of ['it', 'en'] as const) {
      const page = await context.newPage();
      try {
        const response = await page.goto(base + inLanguage(path, lang));
        expect(response?.status()).toBe(200);
        // Still logged in: the header offers the editor's own profile, not the login button.
        expect(await page.locator(`header a[href="/user/${encodeURIComponent(editor.name)}"]`).count()).toBe(1);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const label = `${path} (${lang}) at ${width}px`;
          found.push(...(await axeViolations(page, label)), ...(await sidewaysScroll(page, label)));
        }
      } finally {
        await page.close();
      }
    }
    return found;
  }

  self.axeViolations = axeViolations;
  self.violationsOn = violationsOn;
  return self;
}
