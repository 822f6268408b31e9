// An editor's resource forms in a real browser (the editor's own pages: editor-own-pages.test.ts): axe-core finds no WCAG 2.1 AA violations, in
// Italian and in English, at desktop and phone widths, and none of them scrolls sideways.
import { datasetName, editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser("an editor's resource forms in a browser", () => {
  const ed = editorInBrowser();

  // Each page in both languages at both widths: one test per page, so that a slow machine times out none.
  it.each(['/resource/new', '/edit', '/delete'])('has no WCAG 2.1 AA violations on the resource page %s', async (suffix) => {
    const path = suffix === '/resource/new' ? `/dataset/${datasetName}/resource/new` : `/dataset/${datasetName}/resource/${ed.resourceId}${suffix}`;
    expect(await ed.violationsOn(path)).toEqual([]);
  }, 120000);
});
