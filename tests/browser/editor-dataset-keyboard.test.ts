// The create form works from the keyboard alone, in a real browser: the skip link first, then visible
// focus on the fields (the forms' axe checks: editor-dataset-forms.test.ts).
import { editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser("an editor's dataset form from the keyboard", () => {
  const ed = editorInBrowser();

  it('works from the keyboard on the create form: skip link first, then visible focus on the fields', async () => {
    const page = await ed.context.newPage();
    const active = () => page.evaluate(`(() => {
      const el = document.activeElement;
      return el ? { tag: el.tagName, id: el.id, href: el.getAttribute('href') } : null;
    })()`) as Promise<{ tag: string; id: string; href: string | null } | null>;
    try {
      await page.goto(`${ed.base}/dataset/new?lang=en`); // English whatever the language an earlier test left
      await page.keyboard.press('Tab');
      expect(await active()).toEqual({ tag: 'A', id: '', href: '#main-content' });
      // The skip link, once focused, is on screen (not left clipped to a 1px box).
      const box = await page.locator('a[href="#main-content"]').boundingBox();
      expect(box && box.width > 1 && box.height > 1).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.activeElement && document.activeElement.id === 'main-content'`);
      expect((await active())?.id).toBe('main-content');
      // From main content, Tab goes on into the page (breadcrumbs, then the form), never back to the header.
      let reached = '';
      for (let i = 0; i < 20 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        const el = await active();
        if (el?.tag === 'INPUT' && el.id === 'field-title') reached = el.id;
      }
      expect(reached).toBe('field-title');
      for (const id of ['field-title', 'field-name']) {
        if (id !== 'field-title') await page.keyboard.press('Tab');
        const style = (await page.evaluate(`(() => {
          const s = getComputedStyle(document.activeElement);
          return { id: document.activeElement.id, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow };
        })()`)) as { id: string; outlineStyle: string; outlineWidth: string; boxShadow: string };
        expect(style.id).toBe(id);
        const outline = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        expect(outline || style.boxShadow !== 'none').toBe(true);
      }
    } finally {
      await page.close();
    }
  }, 60000);
});
