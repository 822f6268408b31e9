// An editor's own pages in a real browser: axe-core finds no WCAG 2.1 AA violations, in Italian and in
// English, at desktop and phone widths, and none of them scrolls sideways (the resource forms:
// editor-resource-user.test.ts).
import { editorInBrowser } from './editor-support';
import { describeInBrowser } from './support';

describeInBrowser("an editor's own pages in a browser", () => {
  const ed = editorInBrowser();

  it('has no WCAG 2.1 AA violations on the user\'s own pages, the logout confirmation and the harvest sources', async () => {
    const user = `/user/${encodeURIComponent(ed.editor.name)}`;
    const violations: string[] = [];
    for (const path of [user, `${user}/api-tokens`, '/user/logout', '/harvest']) violations.push(...(await ed.violationsOn(path)));
    expect(violations).toEqual([]);
  }, 120000);
});
