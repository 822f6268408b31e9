// The pages in a real browser (Debian's Chromium via playwright-core): axe-core finds no WCAG 2.1 AA
// violations on the main pages, and the pages work with JavaScript turned off.
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { chromium, Browser } from 'playwright-core';
import { runAction } from '../../server/core/actions';
import { loadDemo } from '../../server/seed/demo';
import { siteUser } from '../../server/seed/site-user';
import { startCatalogue, TestCatalogue } from '../support/harness';

const browserPath = process.env.CATALOGO_BROWSER || '/usr/bin/chromium';
const haveBrowser = fs.existsSync(browserPath);
// Without a browser the suite is reported as skipped; in CI (scripts/test.js) a skip is a failure.
const describeInBrowser = haveBrowser ? describe : describe.skip;
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describeInBrowser('pages in a browser', () => {
  let cat: TestCatalogue;
  let server: http.Server;
  let base: string;
  let browser: Browser;
  let datasetName: string;
  let orgName: string;

  beforeAll(async () => {
    cat = await startCatalogue();
    await loadDemo(cat.services);
    server = cat.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: browserPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    datasetName = 'rt-beni-confiscati';
    orgName = 'regione-toscana';
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await cat?.close();
  });

  async function violationsOn(path: string): Promise<string[]> {
    // axe is injected as an inline script, which our CSP (script-src 'self') rightly blocks.
    const page = await browser.newPage({ bypassCSP: true });
    try {
      const response = await page.goto(base + path);
      expect(response?.status()).toBe(200);
      await page.addScriptTag({ content: axeSource });
      // Evaluated in the page: a string, so that the test code needs no DOM types.
      const results = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
      )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
      return results.violations.map((v) => `${path}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    } finally {
      await page.close();
    }
  }

  it.each(['/', '/dataset', '/dataset?q=covid', '/organization', '/group', '/user/login'])('has no WCAG 2.1 AA violations on %s', async (path) => {
    expect(await violationsOn(path)).toEqual([]);
  }, 60000);

  it('has no WCAG 2.1 AA violations on a dataset page and an organization page', async () => {
    expect([...(await violationsOn(`/dataset/${datasetName}`)), ...(await violationsOn(`/organization/${orgName}`))]).toEqual([]);
  }, 60000);

  it('has no WCAG 2.1 AA violations on the activity page, a resource page and a user page', async () => {
    const dataset = await runAction('package_show', { services: cat.services, user: null }, { id: datasetName });
    const paths = [
      `/dataset/activity/${datasetName}`,
      `/dataset/${datasetName}/resource/${dataset.resources[0].id}`,
      `/user/${encodeURIComponent((await siteUser(cat.services)).name)}`,
    ];
    const violations: string[] = [];
    for (const path of paths) violations.push(...(await violationsOn(path)));
    expect(violations).toEqual([]);
  }, 60000);

  it('searches and reaches a download link with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.fill('input[name="q"]', 'confiscati');
    await Promise.all([page.waitForURL(/\/dataset\?/), page.press('input[name="q"]', 'Enter')]);
    await page.click(`a[href="/dataset/${datasetName}"]`);
    const download = page.locator(`a[href*="/dataset/${datasetName}/resource/"][href*="/download/"]`).first();
    const href = await download.getAttribute('href');
    expect(href).toMatch(/rt-beni-confiscati\.csv$/);
    const bytes = await (await context.request.get(new URL(href!, base).toString())).body();
    expect(bytes.equals(fs.readFileSync('datasets/files/rt-beni-confiscati.csv'))).toBe(true);
    await context.close();
  }, 60000);
});
