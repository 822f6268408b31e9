// The header on a 390 px wide phone, in a real browser: the menu button opens the navigation (focus goes
// into it, Escape closes it and gives focus back), the search box is there on every page, and without
// JavaScript the links show as a list (axe on these pages: portal-chrome-axe.test.ts). Screenshots go to
// .tmp/screenshots (CATALOGO_SCREENSHOTS).
import type { Page } from 'playwright-core';
import { makeDataset, makeOrg } from '../support/factories';
import { axeViolations, BrowserWorld, describeInBrowser, screenshot, startBrowserWorld } from './support';

const PHONE = { width: 390, height: 844 };
const datasetName = 'beni-confiscati';

const focused = (page: Page) => page.evaluate(`(() => {
  const el = document.activeElement;
  const menu = document.getElementById('main-menu');
  return { inMenu: !!(menu && el && menu.contains(el)), id: el ? el.id : '', cls: el ? el.className : '' };
})()`) as Promise<{ inMenu: boolean; id: string; cls: string }>;

describeInBrowser('the header on a phone', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    // A small catalogue of its own: the demo's load costs more than these tests.
    world = await startBrowserWorld({ demo: false });
    const org = await makeOrg(world.cat, { title: 'Regione Toscana' });
    await makeDataset(world.cat, org.name, { name: datasetName, title: 'Beni confiscati', notes: 'Beni confiscati in Toscana' });
  }, 120000);
  afterAll(async () => world?.close());

  it('opens the menu with the button, keeps focus in it, and closes it with Escape', async () => {
    // bypassCSP: waitForFunction evaluates its string, which our CSP (no unsafe-eval) rightly blocks.
    const page = await world.browser.newPage({ viewport: PHONE, bypassCSP: true, locale: 'it-IT' });
    try {
      await page.goto(`${world.base}/`);
      const button = page.locator('button[aria-controls="main-menu"]');
      const link = page.locator('#main-menu a[href="/api-e-dati"]');
      expect(await button.isVisible()).toBe(true);
      expect(await link.isVisible()).toBe(false);
      // The title and the button do not overlap (the bug this header fixes).
      const title = (await page.locator('.it-brand-title').boundingBox())!;
      const box = (await button.boundingBox())!;
      expect(box.x + box.width <= title.x || box.y + box.height <= title.y).toBe(true);
      await screenshot(page, 'phone-home');

      await button.click();
      await link.waitFor({ state: 'visible' });
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await page.waitForFunction(`document.getElementById('main-menu').contains(document.activeElement)`);
      await screenshot(page, 'phone-menu-open');
      await page.keyboard.press('Escape');
      await link.waitFor({ state: 'hidden' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await page.waitForFunction(`document.activeElement && document.activeElement.getAttribute('aria-controls') === 'main-menu'`);

      // By keyboard alone: Enter on the focused button, then Tab through to a link and follow it.
      await page.keyboard.press('Enter');
      await link.waitFor({ state: 'visible' });
      // As after the click: the menu has taken the focus (once open) before the Tabs, or they may land elsewhere.
      await page.waitForFunction(`document.getElementById('main-menu').contains(document.activeElement)`);
      const onLink = () => page.evaluate(`document.activeElement === document.querySelector('#main-menu a[href="/api-e-dati"]')`) as Promise<boolean>;
      for (let i = 0; i < 10 && !(await onLink()); i += 1) await page.keyboard.press('Tab');
      expect((await focused(page)).inMenu).toBe(true);
      // Enter must follow this link, not another one of the menu.
      expect(await onLink()).toBe(true);
      await Promise.all([page.waitForURL(/\/api-e-dati$/), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').innerText()).toBe('API e dati aperti');
    } finally {
      await page.close();
    }
  }, 60000);

  it('has the search box on every page, on a phone', async () => {
    const page = await world.browser.newPage({ viewport: PHONE });
    try {
      for (const where of [`/dataset/${datasetName}`, '/organization', '/api-e-dati']) {
        await page.goto(world.base + where);
        expect(await page.locator('#header-search').isVisible()).toBe(true);
      }
      await page.fill('#header-search', 'confiscati');
      await Promise.all([page.waitForURL(/\/dataset\?q=confiscati$/), page.press('#header-search', 'Enter')]);
      expect(await page.locator(`a[href="/dataset/${datasetName}"]`).count()).toBeGreaterThan(0);
      // The menu button's row lies over the header: the site's name under it must still take clicks.
      await Promise.all([page.waitForURL(`${world.base}/`), page.click('.it-brand-wrapper a')]);
    } finally {
      await page.close();
    }
  }, 60000);

  it('shows the navigation as links without JavaScript', async () => {
    const context = await world.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    try {
      const page = await context.newPage();
      await page.goto(`${world.base}/`);
      expect(await page.locator('#main-menu a[href="/dataset"]').isVisible()).toBe(true);
      expect(await page.locator('button[aria-controls="main-menu"]').isVisible()).toBe(false);
      await screenshot(page, 'phone-no-javascript');
      // axe, in a page of its own: its script needs JavaScript, the stylesheet that page loads does not.
      const html = await page.content();
      const checker = await world.browser.newPage({ viewport: PHONE, bypassCSP: true });
      await checker.route('**/assets/catalogo/**/catalogo.js', (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
      await checker.route('**/bootstrap-italia.bundle.min.js', (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
      await checker.goto(`${world.base}/`);
      await checker.addStyleTag({ url: /<noscript><link rel="stylesheet" href="([^"]+)">/.exec(html)![1] });
      expect(await axeViolations(checker, 'no JavaScript at 390px')).toEqual([]);
      await checker.close();
    } finally {
      await context.close();
    }
  }, 60000);
});
