// An editor's walk (issue 9): a new dataset made through the form, with a theme ticked, is found at once
// by the header's search and listed under its theme; axe and a screenshot on every page of the walk.
import { describeInBrowser, screenshot } from './support';
import { editorInBrowser } from './editor-support';

describeInBrowser('an editor publishes a dataset and finds it at once', () => {
  const ed = editorInBrowser();

  it('creates it through the form, then finds it by a word of its description and under its theme', async () => {
    const problems: string[] = [];
    const page = await ed.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${ed.base}/dataset/new`);
      await page.fill('#field-title', 'Rastrelliere per biciclette');
      await page.fill('#field-notes', 'Dove legare la bicicletta vicino alle stazioni ferroviarie della Toscana.');
      // Bootstrap Italia draws the box on the label, which is what a person clicks.
      await page.click('label[for="theme-TRAN"]');
      expect(await page.isChecked('#theme-TRAN')).toBe(true);
      await screenshot(page, 'walk-editor-1-form');
      await Promise.all([page.waitForURL(`${ed.base}/dataset/rastrelliere-per-biciclette`), page.click('main form button[type="submit"]')]);
      expect(await page.textContent('#flash')).toContain('Rastrelliere per biciclette');
      problems.push(...(await ed.axeViolations(page, 'new dataset')));
      await screenshot(page, 'walk-editor-2-dataset');

      // A stemmed word of the description, typed in the header's search: no wait, no reindex.
      await page.fill('#header-search', 'ferroviaria');
      await Promise.all([page.waitForURL(/q=ferroviaria/), page.press('#header-search', 'Enter')]);
      const titles = await page.locator('#results .catalogo-dataset-item h3 a').allTextContents();
      expect(titles.map((t) => t.trim())).toContain('Rastrelliere per biciclette');
      problems.push(...(await ed.axeViolations(page, 'search')));
      await screenshot(page, 'walk-editor-3-search');

      // The theme ticked in the form is the theme's page and facet: one list, one truth.
      await page.goto(`${ed.base}/dataset?theme=TRAN`);
      const underTheme = await page.locator('#results .catalogo-dataset-item h3 a').allTextContents();
      expect(underTheme.map((t) => t.trim())).toContain('Rastrelliere per biciclette');
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 60000);
});
