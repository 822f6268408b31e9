// The pages in a real browser (Debian's Chromium via playwright-core): axe-core finds no WCAG 2.1 AA
// violations on the lists and entry pages (the detail pages and the no-JavaScript path: accessibility-details).
import { BrowserWorld, describeInBrowser, startBrowserWorld, violationsOnPath } from './support';

describeInBrowser('pages in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  it.each(['/', '/dataset', '/dataset?q=covid', '/organization', '/group', '/activity', '/user/login'])('has no WCAG 2.1 AA violations on %s', async (path) => {
    expect(await violationsOnPath(world, path)).toEqual([]);
  }, 60000);
});
