// What catalogo.js adds to the dataset form, in a real browser: the URL name follows the title until the
// editor types one, the long vocabularies get a filter box that hides what does not match and announces
// the count, and ticked boxes are sent as the multi-selects were (axe: dataset-form-axe.test.ts).
import { Page } from 'playwright-core';
import { runAction } from '../../server/core/actions';
import { sysadminContext } from '../support/factories';
import { editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser('the dataset form with JavaScript', () => {
  const ed = editorInBrowser();

  async function onNewForm(width: number, test: (page: Page) => Promise<void>): Promise<void> {
    const page = await ed.context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${ed.base}/dataset/new`);
      await test(page);
    } finally {
      await page.close();
    }
  }

  const visibleLanguages = (page: Page) => page.evaluate(`Array.from(document.querySelectorAll('#field-language .form-check'))
    .filter((el) => el.offsetParent !== null).map((el) => el.querySelector('input').value)`) as Promise<string[]>;

  it('fills the name from the title while typing, until the editor types a name', async () => {
    await onNewForm(1280, async (page) => {
      await page.locator('#field-title').pressSequentially("Qualità dell'aria");
      expect(await page.inputValue('#field-name')).toBe('qualita-dell-aria');
      await page.fill('#field-name', 'aria-2024');
      await page.fill('#field-title', "Qualità dell'aria a Siena");
      expect(await page.inputValue('#field-name')).toBe('aria-2024');
      // Emptied, the name follows the title again.
      await page.fill('#field-name', '');
      await page.fill('#field-title', "Qualità dell'aria a Siena!");
      expect(await page.inputValue('#field-name')).toBe('qualita-dell-aria-a-siena');
    });
  }, 30000);

  it('filters a long list, announces the count, and sends what was ticked from the keyboard', async () => {
    await onNewForm(1280, async (page) => {
      const filter = page.getByLabel('Filter: Languages of the data');
      const total = (await visibleLanguages(page)).length;
      expect(total).toBeGreaterThan(100);
      expect(await page.textContent('#field-language-filter-count')).toBe(`${total} of ${total} items`);
      expect(await page.getAttribute('#field-language-filter-count', 'aria-live')).toBe('polite');
      await filter.fill('itali');
      const shown = await visibleLanguages(page);
      expect(shown).toContain('ITA');
      expect(shown.length).toBeLessThan(5);
      expect(await page.textContent('#field-language-filter-count')).toBe(`${shown.length} of ${total} items`);
      // Groups left with nothing to show are hidden too.
      expect(await page.isVisible('#field-language legend:text("Most used")')).toBe(true);
      await filter.fill('zzzz');
      expect(await visibleLanguages(page)).toEqual([]);
      expect(await page.isVisible('#field-language legend:text("Most used")')).toBe(false);
      // Accents do not matter; Enter in the filter box does not send the form.
      await filter.fill('francais');
      await filter.press('Enter');
      expect(page.url()).toBe(`${ed.base}/dataset/new`);
      await filter.fill('italian');
      await filter.press('Tab');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#field-language input[value="ITA"]')).toBe(true);
      await page.fill('#field-title', 'Lingue via tastiera');
      await page.fill('#field-notes', 'Prova');
      await Promise.all([page.waitForURL(`${ed.base}/dataset/lingue-via-tastiera`), page.click('main form button[type="submit"]')]);
      expect(await page.textContent('#flash')).toContain('Dataset “Lingue via tastiera” created.');
      const saved = await runAction('package_show', await sysadminContext(ed.world.cat), { id: 'lingue-via-tastiera' });
      expect(saved.language).toBe('ITA');
    });
  }, 30000);
});
