// The header's pages in a real browser: axe finds no WCAG 2.1 AA violation on the home, a dataset page and
// the API page, on a 390 px phone (with the menu open too) and on a desktop; screenshots of each.
import { makeDataset, makeOrg } from '../support/factories';
import { axeViolations, BrowserWorld, describeInBrowser, screenshot, startBrowserWorld } from './support';

const PHONE = { width: 390, height: 844 };
const datasetName = 'beni-confiscati';

describeInBrowser('the header\'s pages under axe', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    // A small catalogue of its own (the demo's load costs more than the test): a dataset with a resource,
    // so that its page has the RDF links, the citation and a related dataset.
    world = await startBrowserWorld({ demo: false });
    const org = await makeOrg(world.cat, { title: 'Regione Toscana' });
    const resources = [{ name: 'Elenco dei beni', url: 'https://dati.example.it/beni.csv', format: 'CSV' }];
    await makeDataset(world.cat, org.name, { name: datasetName, title: 'Beni confiscati', notes: 'Beni confiscati in Toscana', tag_string: 'legalità', license_id: 'CC-BY-4.0', resources });
    await makeDataset(world.cat, org.name, { name: 'beni-riutilizzati', title: 'Beni riutilizzati', tag_string: 'legalità', resources });
  }, 120000);
  afterAll(async () => world?.close());

  it('has no WCAG 2.1 AA violations on the home, a dataset and the API page, on a phone (menu open too) and a desktop', async () => {
    const page = await world.browser.newPage({ bypassCSP: true });
    const violations: string[] = [];
    try {
      for (const where of ['/', `/dataset/${datasetName}`, '/api-e-dati']) {
        for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
          await page.setViewportSize(viewport);
          await page.goto(world.base + where);
          violations.push(...(await axeViolations(page, `${where} at ${viewport.width}px`)));
          await screenshot(page, `${viewport.width}px${where === '/' ? '-home' : where.replace(/\//g, '-')}`);
        }
      }
      await page.setViewportSize(PHONE);
      await page.goto(`${world.base}/`);
      await page.click('button[aria-controls="main-menu"]');
      await page.locator('#main-menu a[href="/dataset"]').waitFor({ state: 'visible' });
      violations.push(...(await axeViolations(page, 'open menu at 390px')));
    } finally {
      await page.close();
    }
    expect(violations).toEqual([]);
  }, 120000);

});
