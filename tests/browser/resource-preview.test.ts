// An editor uploads a real CSV through the resource form, in a browser: the page announces the load,
// shows the report and the preview, a column sorts from its header; axe finds no WCAG 2.1 AA violation
// on that page, on a desktop and on a 390 px wide phone.
import path from 'node:path';
import { Page } from 'playwright-core';
import { datasetName, editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

const CSV = path.join(__dirname, '..', '..', 'datasets', 'files', 'lucca-parcheggi-di-scambio.csv');

describeInBrowser('an upload, its report and its preview in a browser', () => {
  const ed = editorInBrowser();
  let page: Page;
  let resourcePath: string;

  beforeAll(async () => {
    page = await ed.context.newPage();
    await page.goto(`${ed.base}/dataset/${datasetName}/resource/new`);
    await page.setInputFiles('#field-upload', CSV);
    await page.fill('#field-name', 'Parcheggi di scambio');
    await Promise.all([page.waitForURL(/\/resource\/[0-9a-f-]{36}$/), page.click('main form button[type="submit"]')]);
    resourcePath = new URL(page.url()).pathname;
    // A load still running is followed by the page's script, which reloads the page when it ends.
    await page.waitForSelector('#anteprima table', { timeout: 30000 });
  }, 60000);
  afterAll(async () => page?.close());

  it('announces the load, says what was read and checks the AgID rules', async () => {
    expect(await page.locator('[role="status"]').first().innerText()).toMatch(/File uploaded and read: 22 rows/);
    const report = await page.locator('#verifica').innerText();
    expect(report).toMatch(/semicolon \(;\)/);
    expect(report).toMatch(/RFC 4180 structure[^\n]*: not met/);
    expect(report).toMatch(/UTF-8 encoding \(advised\): met/);
  });

  it('shows the first rows and sorts by a column from its header', async () => {
    expect(await page.locator('#anteprima tbody tr').count()).toBe(20);
    await Promise.all([page.waitForURL(/sort=posti_auto/), page.click('#anteprima th a:has-text("posti_auto")')]);
    expect(await page.locator('#anteprima th[aria-sort="ascending"]').innerText()).toMatch(/posti_auto/);
    const column = await page.locator('#anteprima thead th').allInnerTexts();
    const index = column.findIndex((text) => text.startsWith('posti_auto'));
    const values = await page.locator(`#anteprima tbody tr td:nth-child(${index + 1})`).allInnerTexts();
    const numbers = values.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('has no WCAG 2.1 AA violations on the resource page, on a desktop and 390 px wide', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ed.base + resourcePath);
    const violations = await ed.axeViolations(page, 'desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    violations.push(...(await ed.axeViolations(page, '390 px')));
    expect(violations).toEqual([]);
  }, 60000);
});
