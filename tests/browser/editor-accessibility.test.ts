// The pages of a logged-in editor in a real browser (Debian's Chromium via playwright-core): axe-core
// finds no WCAG 2.1 AA violations on the forms, the confirmation pages and the user's own pages (a form
// shown again with errors included), and the create form works from the keyboard alone.
import { BrowserContext, Page } from 'playwright-core';
import { runAction } from '../../server/core/actions';
import { addMember, makeUser, sysadminContext, TestUser } from '../support/factories';
import { axeViolations as axeLines, BrowserWorld, describeInBrowser, startBrowserWorld } from './support';

describeInBrowser('an editor\'s pages in a browser', () => {
  let world: BrowserWorld;
  let base: string;
  let context: BrowserContext;
  let editor: TestUser;
  let resourceId: string;
  const datasetName = 'rt-beni-confiscati';
  const orgName = 'regione-toscana';

  beforeAll(async () => {
    world = await startBrowserWorld();
    base = world.base;
    editor = await makeUser(world.cat);
    await addMember(world.cat, orgName, editor.name, 'editor');
    const dataset = await runAction('package_show', await sysadminContext(world.cat), { id: datasetName });
    resourceId = dataset.resources[0].id;
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
      const boxes = (selector) => Array.from(document.querySelectorAll(selector)).map((el) => ({ el, r: el.getBoundingClientRect() }));
      const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
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

  async function violationsOn(path: string): Promise<string[]> {
    const page = await context.newPage();
    try {
      const response = await page.goto(base + path);
      expect(response?.status()).toBe(200);
      // Still logged in: the header offers the editor's own profile, not the login button.
      expect(await page.locator(`header a[href="/user/${encodeURIComponent(editor.name)}"]`).count()).toBe(1);
      return await axeViolations(page, path);
    } finally {
      await page.close();
    }
  }

  it('has no WCAG 2.1 AA violations on the dataset forms and the delete confirmation', async () => {
    const violations: string[] = [];
    for (const path of ['/dataset/new', `/dataset/edit/${datasetName}`, `/dataset/delete/${datasetName}`]) {
      violations.push(...(await violationsOn(path)));
    }
    expect(violations).toEqual([]);
  }, 60000);

  it('has no WCAG 2.1 AA violations on the create form shown again with errors', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${base}/dataset/new`);
      await page.fill('#field-title', 'Un dataset di prova');
      await page.fill('#field-name', 'Nome Con Spazi');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${base}/dataset/new` && r.request().method() === 'POST'),
        page.click('main form button[type="submit"]'),
      ]);
      // A ValidationError answers 409, as CKAN's does: the form comes back, not a redirect.
      expect(response.status()).toBe(409);
      await page.waitForLoadState('domcontentloaded');
      // The summary names the field and links to it; the field says what is wrong and is marked invalid.
      const summary = page.locator('#error-summary');
      expect(await summary.count()).toBe(1);
      expect(await summary.locator('a[href="#field-name"]').count()).toBe(1);
      const name = page.locator('#field-name');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect((await name.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('field-name-error');
      expect((await page.locator('#field-name-error').textContent())?.trim()).not.toBe('');
      expect(await name.inputValue()).toBe('Nome Con Spazi');
      // The page is in English, the action's message in Italian: its language is declared (WCAG 3.1.2).
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#field-name-error').getAttribute('lang')).toBe('it');
      expect(await summary.locator('li span[lang="it"]').count()).toBe(1);
      // The document title, read first, says that the form came back with errors (WCAG 3.3.1).
      expect(await page.title()).toMatch(/^Error: /);
      expect(await axeViolations(page, '/dataset/new (with errors)')).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60000);

  it('has no WCAG 2.1 AA violations on the resource forms and the resource delete confirmation', async () => {
    const resource = `/dataset/${datasetName}/resource/${resourceId}`;
    const violations: string[] = [];
    for (const path of [`/dataset/${datasetName}/resource/new`, `${resource}/edit`, `${resource}/delete`]) {
      violations.push(...(await violationsOn(path)));
    }
    expect(violations).toEqual([]);
  }, 60000);

  it('has no WCAG 2.1 AA violations on the user\'s own pages and the logout confirmation', async () => {
    const user = `/user/${encodeURIComponent(editor.name)}`;
    const violations: string[] = [];
    for (const path of [user, `${user}/api-tokens`, '/user/logout']) violations.push(...(await violationsOn(path)));
    expect(violations).toEqual([]);
  }, 60000);

  it('works from the keyboard on the create form: skip link first, then visible focus on the fields', async () => {
    const page = await context.newPage();
    const active = () => page.evaluate(`(() => {
      const el = document.activeElement;
      return el ? { tag: el.tagName, id: el.id, href: el.getAttribute('href') } : null;
    })()`) as Promise<{ tag: string; id: string; href: string | null } | null>;
    try {
      await page.goto(`${base}/dataset/new`);
      await page.keyboard.press('Tab');
      expect(await active()).toEqual({ tag: 'A', id: '', href: '#main-content' });
      // The skip link, once focused, is on screen (not left clipped to a 1px box).
      const box = await page.locator('a[href="#main-content"]').boundingBox();
      expect(box && box.width > 1 && box.height > 1).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.activeElement && document.activeElement.id === 'main-content'`);
      expect((await active())?.id).toBe('main-content');
      // From main content, Tab goes on into the page (breadcrumbs, then the form), never back to the header.
      let reached = '';
      for (let i = 0; i < 20 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        const el = await active();
        if (el?.tag === 'INPUT' && el.id === 'field-title') reached = el.id;
      }
      expect(reached).toBe('field-title');
      for (const id of ['field-title', 'field-name']) {
        if (id !== 'field-title') await page.keyboard.press('Tab');
        const style = (await page.evaluate(`(() => {
          const s = getComputedStyle(document.activeElement);
          return { id: document.activeElement.id, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow };
        })()`)) as { id: string; outlineStyle: string; outlineWidth: string; boxShadow: string };
        expect(style.id).toBe(id);
        const outline = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        expect(outline || style.boxShadow !== 'none').toBe(true);
      }
    } finally {
      await page.close();
    }
  }, 60000);
});
