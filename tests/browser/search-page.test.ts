// The search page in a real browser, on a few datasets of its own (quicker than the demo), at desktop width and at 390 px: no serious or
// critical axe violation (label-content-name-mismatch too, which axe runs only when asked: it caught the
// chips once), results above the filters on a phone, the filters on the left on a desktop and one
// keypress away. Screenshots go where every browser test saves them (support.ts screenshot: .tmp/screenshots).
import fs from 'node:fs';
import { Page } from 'playwright-core';
import { makeDataset, makeOrg } from '../support/factories';
import { BrowserWorld, describeInBrowser, screenshot, startBrowserWorld } from './support';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe's WCAG 2.1 AA rules and label-content-name-mismatch; serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] })`,
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
}

describeInBrowser('the search page in a browser', () => {
  let world: BrowserWorld;
  let filtered: string;

  beforeAll(async () => {
    world = await startBrowserWorld({ demo: false });
    const lucca = await makeOrg(world.cat, { title: 'Comune di Lucca' });
    const prato = await makeOrg(world.cat, { title: 'Comune di Prato' });
    const resources = [{ name: 'Elenco', url: 'https://dati.example.it/p.csv', format: 'CSV' }, { name: 'Mappa', url: 'https://dati.example.it/p.geojson', format: 'GeoJSON' }];
    await makeDataset(world.cat, lucca.name, {
      name: 'parcheggi-lucca', title: 'Parcheggi di scambio di Lucca', groups: [{ name: 'trasporti' }], frequency: 'ANNUAL', resources,
      notes: `${'Dati del Comune sulla mobilità urbana e sui servizi. '.repeat(3)}Parcheggi di scambio e **trasporti** pubblici verso il centro storico, con tariffe e orari. ${'Aggiornati ogni anno. '.repeat(5)}`,
    });
    await makeDataset(world.cat, prato.name, { name: 'bus-prato', title: 'Linee dei trasporti urbani di Prato', groups: [{ name: 'trasporti' }], resources });
  }, 120000);
  afterAll(async () => world?.close());

  it('narrows a search by a facet into a chip, with no serious axe violation at desktop width', async () => {
    const page = await world.browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${world.base}/dataset?q=trasporti`);
      expect(await page.locator('.catalogo-dataset-item').count()).toBeGreaterThan(0);
      await Promise.all([page.waitForURL(/organization=/), page.locator('#facet-organization + ul a').first().click()]);
      filtered = new URL(page.url()).search;
      expect(await page.locator('.catalogo-chip').count()).toBe(1);
      // The filters are drawn on the left of the results.
      expect((await box(page, '#filters')).x).toBeLessThan((await box(page, '#results')).x);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'search-desktop');
    } finally {
      await page.close();
    }
  }, 60000);

  it('reaches the filters from the search button in one keypress and Enter', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${world.base}/dataset${filtered}&lang=it`);
      await page.focus('main form[role="search"] button[type="submit"]');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Vai ai filtri');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.id')).toBe('filters');
    } finally {
      await page.close();
    }
  }, 60000);

  it('shows the results above the filters at 390 px, with no serious axe violation', async () => {
    const page = await world.browser.newPage({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${world.base}/dataset${filtered}`);
      expect((await box(page, '#results')).y).toBeLessThan((await box(page, '#filters')).y);
      const widest = await page.evaluate('document.documentElement.scrollWidth');
      expect(widest).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'search-390');
    } finally {
      await page.close();
    }
  }, 60000);

  it('suggests a close term for a misspelt word, and answers a bad search with its reason and no violation', async () => {
    const page = await world.browser.newPage({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    try {
      const suggestion = await page.goto(`${world.base}/dataset?q=trasparti`);
      expect(suggestion?.status()).toBe(200);
      expect(await page.locator('.catalogo-suggestions a').count()).toBeGreaterThan(0);
      const bad = await page.goto(`${world.base}/dataset?q=${encodeURIComponent('"trasporti (')}`);
      expect(bad?.status()).toBe(400);
      expect(await page.locator('#search-q-error').isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60000);
});
