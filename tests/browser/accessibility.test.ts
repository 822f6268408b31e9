// The pages in a real browser (Debian's Chromium via playwright-core): axe-core finds no WCAG 2.1 AA
// violations on the home and search pages, in Italian and in English, on a desktop and on a 390 px wide
// phone, and none of them scrolls sideways (with active filters: accessibility-filters; the lists: accessibility-lists; the detail pages and the
// no-JavaScript path: accessibility-details).
import { BrowserWorld, describeInBrowser, startBrowserWorld, violationsOnPath } from './support';

describeInBrowser('pages in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  it.each(['/', '/dataset', '/dataset?q=covid'])('has no WCAG 2.1 AA violations on %s', async (path) => {
    expect(await violationsOnPath(world, path)).toEqual([]);
  }, 60000);
});
