// An editor's resource forms and own pages in a real browser: axe-core finds no WCAG 2.1 AA violations.
import { datasetName, editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser("an editor's resource forms and own pages in a browser", () => {
  const ed = editorInBrowser();

  it('has no WCAG 2.1 AA violations on the resource forms and the resource delete confirmation', async () => {
    const resource = `/dataset/${datasetName}/resource/${ed.resourceId}`;
    const violations: string[] = [];
    for (const path of [`/dataset/${datasetName}/resource/new`, `${resource}/edit`, `${resource}/delete`]) {
      violations.push(...(await ed.violationsOn(path)));
    }
    expect(violations).toEqual([]);
  }, 120000);
  it('has no WCAG 2.1 AA violations on the user\'s own pages, the logout confirmation and the harvest sources', async () => {
    const user = `/user/${encodeURIComponent(ed.editor.name)}`;
    const violations: string[] = [];
    for (const path of [user, `${user}/api-tokens`, '/user/logout', '/harvest']) violations.push(...(await ed.violationsOn(path)));
    expect(violations).toEqual([]);
  }, 120000);
});
