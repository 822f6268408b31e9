// An editor's dataset forms in a real browser (Debian's Chromium via playwright-core): axe-core finds no
// WCAG 2.1 AA violations on them, a form shown again with errors included (the keyboard:
// editor-dataset-keyboard.test.ts, a file of its own so that neither runs over a minute).
import { datasetName, editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser("an editor's dataset forms in a browser", () => {
  const ed = editorInBrowser();

  // Each form in both languages at both widths: one test per page, so that a slow machine times out none.
  it.each(['/dataset/new', `/dataset/edit/${datasetName}`, `/dataset/delete/${datasetName}`])('has no WCAG 2.1 AA violations on %s', async (path) => {
    expect(await ed.violationsOn(path)).toEqual([]);
  }, 120000);

  it('has no WCAG 2.1 AA violations on the create form shown again with errors', async () => {
    const page = await ed.context.newPage();
    try {
      await page.goto(`${ed.base}/dataset/new?lang=en`); // English whatever the language an earlier test left
      await page.fill('#field-title', 'Un dataset di prova');
      await page.fill('#field-name', 'Nome Con Spazi');
      // type="email" lets the browser send it: the server is the one to judge.
      await page.fill('#field-contact_email', 'non-una-email');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${ed.base}/dataset/new` && r.request().method() === 'POST'),
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
      // The page is in English, and so are the action's messages (server/i18n/validation-en.ts): no lang="it".
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#field-name-error').getAttribute('lang')).toBeNull();
      expect(await page.locator('#field-name-error').textContent()).toMatch(/lower-case letters/);
      // Every error at once: the bad name and the bad email (an empty description is accepted, as CKAN does).
      expect(await summary.locator('li').count()).toBe(2);
      expect(await summary.locator('[lang="it"]').count()).toBe(0);
      expect(await summary.locator('a[href="#field-contact_email"]').count()).toBe(1);
      // The document title, read first, says that the form came back with errors (WCAG 3.3.1).
      expect(await page.title()).toMatch(/^Error: /);
      expect(await ed.axeViolations(page, '/dataset/new (with errors)')).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120000);
});
