// A journalist's walk through the demo catalogue in a real browser, as issue 9 tells it: search
// `trasporti` from the header, narrow by a facet, sort by relevance, open a dataset, use its API box,
// download its file; then the same on a 390 px phone through the menu button. axe runs on every page of
// the walk and each page is saved as a screenshot (.tmp/screenshots, or CATALOGO_SCREENSHOTS).
import { Page } from 'playwright-core';
import { axeViolations, BrowserWorld, describeInBrowser, screenshot, startBrowserWorld } from './support';

describeInBrowser('a visitor finds, reads and takes a dataset', () => {
  let world: BrowserWorld;
  const problems: string[] = [];

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  /** axe on the page as it stands, and a screenshot of it. */
  async function check(page: Page, name: string): Promise<void> {
    problems.push(...(await axeViolations(page, name)));
    await screenshot(page, name);
  }

  const resultTitles = (page: Page) => page.locator('#results .catalogo-dataset-item h3 a').allTextContents();

  it('on a desktop: header search, facet, relevance, dataset page, API box, download', async () => {
    const page = await world.browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      await page.goto(`${world.base}/`);
      await check(page, 'walk-desktop-1-home');
      await page.fill('#header-search', 'trasporti');
      await Promise.all([page.waitForURL(/\/dataset\?q=trasporti/), page.press('#header-search', 'Enter')]);
      // The theme "Trasporti" holds three demo datasets, each of another municipality.
      const found = (await resultTitles(page)).map((t) => t.trim());
      expect(found.length).toBeGreaterThanOrEqual(3);
      expect(found.join(' | ')).toMatch(/parcheggi/i);
      await check(page, 'walk-desktop-2-search');

      // Narrow by the organization facet: one dataset of the Comune di Lucca, and a chip that says so.
      await Promise.all([page.waitForURL(/organization/), page.locator('#filters a', { hasText: 'Comune di Lucca' }).first().click()]);
      const narrowed = await resultTitles(page);
      expect(narrowed).toHaveLength(1);
      expect(await page.locator('.catalogo-chip').first().textContent()).toContain('Comune di Lucca');
      await check(page, 'walk-desktop-3-facet');

      // Sort by relevance, keeping the query and the filter in the URL.
      await page.selectOption('#search-sort', 'score desc');
      await Promise.all([page.waitForURL(/sort=score/), page.locator('#results form button[type="submit"]').click()]);
      expect(page.url()).toMatch(/q=trasporti/);
      expect(page.url()).toMatch(/organization/);

      await Promise.all([page.waitForURL(/\/dataset\/[a-z0-9-]+$/), page.locator('#results .catalogo-dataset-item h3 a').first().click()]);
      await check(page, 'walk-desktop-4-dataset');

      // The API box's package_show call works as written (run here through the browser's request API).
      const call = (await page.locator('#api pre code').first().textContent()) ?? '';
      const url = /https?:\/\/\S+package_show\S*/.exec(call)?.[0].replace(/['"]$/, '');
      expect(url).toBeTruthy();
      const shown = await page.request.get(url!.replace(/^https?:\/\/[^/]+/, world.base));
      expect(shown.ok()).toBe(true);
      const body = await shown.json();
      expect(body.success).toBe(true);
      expect(body.result.organization.name).toBe('comune-di-lucca');

      // Download the CSV as a visitor would, and get the file's bytes.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const saved = await download.path();
      expect(saved).toBeTruthy();
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 60000);

  it('on a 390 px phone: the menu button, the search box, a stemmed word, no sideways scrolling', async () => {
    const page = await world.browser.newPage({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const sideways = () => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;
    try {
      await page.goto(`${world.base}/`);
      const menuButton = page.locator('.catalogo-menu-button');
      await expect(menuButton.isVisible()).resolves.toBe(true);
      await menuButton.click();
      await page.waitForFunction(`document.querySelector('.catalogo-menu-button').getAttribute('aria-expanded') === 'true'`);
      await expect(page.locator('#main-menu a[href="/dataset"]').first().isVisible()).resolves.toBe(true);
      await check(page, 'walk-phone-1-menu');
      await page.keyboard.press('Escape');
      await page.waitForFunction(`document.querySelector('.catalogo-menu-button').getAttribute('aria-expanded') === 'false'`);
      // Closing gives focus back to the button once the menu has slid away; typing starts after that.
      await page.waitForFunction(`document.activeElement === document.querySelector('.catalogo-menu-button')`);

      // `parcheggio` finds the "parcheggi" of Lucca by its stem.
      await page.fill('#header-search', 'parcheggio');
      expect(await page.evaluate(`document.activeElement.id`)).toBe('header-search');
      await Promise.all([page.waitForURL(/q=parcheggio/), page.press('#header-search', 'Enter')]);
      expect((await resultTitles(page)).join(' | ')).toMatch(/parcheggi/i);
      expect(await sideways()).toBeLessThanOrEqual(390);
      await check(page, 'walk-phone-2-search');

      await Promise.all([page.waitForURL(/\/dataset\/[a-z0-9-]+$/), page.locator('#results .catalogo-dataset-item h3 a').first().click()]);
      expect(await sideways()).toBeLessThanOrEqual(390);
      await check(page, 'walk-phone-3-dataset');
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 60000);
});
