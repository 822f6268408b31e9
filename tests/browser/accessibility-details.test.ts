// The detail pages in a real browser (Debian's Chromium via playwright-core): axe-core finds no WCAG 2.1 AA
// violations on them, in Italian and in English, on a desktop and on a 390 px wide phone, where none scrolls
// sideways (a resource's preview table scrolls in its own box); and a visitor finds and downloads a file
// with JavaScript turned off.
import fs from 'node:fs';
import { runAction } from '../../server/core/actions';
import { siteUser } from '../../server/seed/site-user';
import { BrowserWorld, describeInBrowser, startBrowserWorld, violationsOnPath } from './support';

const datasetName = 'rt-beni-confiscati';
const orgName = 'regione-toscana';

describeInBrowser('detail pages in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  it('has no WCAG 2.1 AA violations on a dataset page and an organization page', async () => {
    expect([...(await violationsOnPath(world, `/dataset/${datasetName}`)), ...(await violationsOnPath(world, `/organization/${orgName}`))]).toEqual([]);
  }, 90000);

  it('has no WCAG 2.1 AA violations on the activity page, a resource page with its preview and a user page', async () => {
    const dataset = await runAction('package_show', { services: world.cat.services, user: null }, { id: datasetName });
    expect(dataset.resources[0].datastore_active).toBe(true);
    const paths = [
      `/dataset/activity/${datasetName}`,
      `/dataset/${datasetName}/resource/${dataset.resources[0].id}`,
      `/user/${encodeURIComponent((await siteUser(world.cat.services)).name)}`,
    ];
    const violations: string[] = [];
    for (const path of paths) violations.push(...(await violationsOnPath(world, path)));
    expect(violations).toEqual([]);
  }, 120000);

  it('searches and reaches a download link with JavaScript turned off', async () => {
    const context = await world.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${world.base}/`);
    await page.fill('input[name="q"]', 'confiscati');
    await Promise.all([page.waitForURL(/\/dataset\?/), page.press('input[name="q"]', 'Enter')]);
    await page.click(`a[href="/dataset/${datasetName}"]`);
    const download = page.locator(`a[href*="/dataset/${datasetName}/resource/"][href*="/download/"]`).first();
    const href = await download.getAttribute('href');
    expect(href).toMatch(/rt-beni-confiscati\.csv$/);
    const bytes = await (await context.request.get(new URL(href!, world.base).toString())).body();
    expect(bytes.equals(fs.readFileSync('datasets/files/rt-beni-confiscati.csv'))).toBe(true);
    await context.close();
  }, 60000);
});
