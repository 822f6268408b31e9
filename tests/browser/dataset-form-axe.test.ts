// axe finds no WCAG 2.1 AA violations on the dataset form with catalogo.js at work (a filter in use), at
// desktop and phone widths, and nothing is wider than the screen (the long lists scroll inside their box).
import { editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser('the dataset form at desktop and phone widths', () => {
  const ed = editorInBrowser();

  it('has no WCAG 2.1 AA violations at 1280 and 390 px, with a filter in use', async () => {
    const page = await ed.context.newPage();
    try {
      await page.goto(`${ed.base}/dataset/new`);
      await page.getByLabel('Filter: Subthemes (optional)').fill('water');
      expect(await page.textContent('#field-subthemes-filter-count')).toMatch(/^[1-9]\d* of \d+ items$/);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await ed.axeViolations(page, `/dataset/new at ${width}px`)).toEqual([]);
        // Nothing in the page's content sticks out past the screen's right edge (named, when something does);
        // the long lists scroll inside their own box.
        const wide = await page.evaluate(`Array.from(document.querySelectorAll('main *'))
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.catalogo-choices-list'))
          .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''))`);
        expect({ width, wide }).toEqual({ width, wide: [] });
      }
    } finally {
      await page.close();
    }
  }, 40000);
});
