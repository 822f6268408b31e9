// An editor uploads a real CSV through the resource form, in a browser. The load goes to the background:
// the page shows its progress bar, and its script reloads the page when the load ends; the page then
// announces the outcome, shows the report and the preview, and a column sorts from its header. axe finds
// no WCAG 2.1 AA violation on that page, on a desktop and on a 390 px wide phone.
import path from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { runAction } from '../../server/core/actions';
import { runJobNow } from '../../server/jobs/run-now';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext } from '../support/factories';
import { axeViolations, BrowserWorld, describeInBrowser, startBrowserWorld } from './support';

const CSV = path.join(__dirname, '..', '..', 'datasets', 'files', 'lucca-parcheggi-di-scambio.csv');

describeInBrowser('an upload, its progress, report and preview in a browser', () => {
  let world: BrowserWorld;
  let context: BrowserContext;
  let page: Page;
  let progressText: string;

  beforeAll(async () => {
    // About one byte: every upload's load is queued, and this test runs the job itself, while the page watches.
    world = await startBrowserWorld({ demo: false, env: { CATALOGO_INGEST_INLINE_MB: '0.000001' } });
    const org = await makeOrg(world.cat, { title: 'Comune di Lucca' });
    const editor = await makeUser(world.cat);
    await addMember(world.cat, org.name, editor.name, 'editor');
    const dataset = await makeDataset(world.cat, org.name);
    // axe is injected as an inline script, which our CSP (script-src 'self') rightly blocks.
    context = await world.browser.newContext({ bypassCSP: true, locale: 'it-IT' });
    page = await context.newPage();
    await page.goto(`${world.base}/user/login`);
    await page.fill('#field-username', editor.name);
    await page.fill('#field-password', editor.password);
    await Promise.all([page.waitForURL(/\/user\//), page.click('main button[type="submit"]')]);
    await page.goto(`${world.base}/dataset/${dataset.name}/resource/new`);
    await page.setInputFiles('#field-upload', CSV);
    await page.fill('#field-name', 'Parcheggi di scambio');
    await Promise.all([page.waitForURL(/\/resource\/[0-9a-f-]{36}$/), page.click('main form button[type="submit"]')]);
    progressText = await page.locator('#load-progress-text').innerText();
    const ctx = await sysadminContext(world.cat);
    const load = await runAction('resource_validation_show', ctx, { id: page.url().split('/').pop() });
    await runJobNow(ctx, load.job_id);
    // The page's script sees the load end and reloads the page.
    await page.waitForSelector('#anteprima table', { timeout: 20000 });
  }, 60000);
  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('showed the progress while the load waited, then announces the outcome and the report', async () => {
    expect(progressText).toBe('0 righe lette (0%)');
    expect(await page.locator('[role="status"]').first().innerText()).toMatch(/File caricato e letto\. Righe pronte per l.anteprima e le API: 22\./);
    const report = await page.locator('#verifica').innerText();
    expect(report).toMatch(/punto e virgola \(;\)/);
    expect(report).toMatch(/Struttura secondo RFC 4180[^\n]*: non rispettata/);
    expect(report).toMatch(/Codifica UTF-8 \(consigliata\): rispettata/);
  });

  it('shows the first rows and sorts by a column from its header', async () => {
    expect(await page.locator('#anteprima tbody tr').count()).toBe(20);
    await Promise.all([page.waitForURL(/sort=posti_auto/), page.click('#anteprima th a:has-text("posti_auto")')]);
    expect(await page.locator('#anteprima th[aria-sort="ascending"]').innerText()).toMatch(/posti_auto/);
    const headers = await page.locator('#anteprima thead th').allInnerTexts();
    const index = headers.findIndex((text) => text.startsWith('posti_auto'));
    const numbers = (await page.locator(`#anteprima tbody tr td:nth-child(${index + 1})`).allInnerTexts()).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('has no WCAG 2.1 AA violations on the resource page, on a desktop and 390 px wide', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    const violations = await axeViolations(page, 'desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    violations.push(...(await axeViolations(page, '390 px')));
    expect(violations).toEqual([]);
  }, 30000);
});
