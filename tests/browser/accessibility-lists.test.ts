// The lists and entry pages in a real browser (Debian's Chromium via playwright-core): axe-core finds no
// WCAG 2.1 AA violations on them, in Italian and in English, on a desktop and on a 390 px wide phone, and
// none of them scrolls sideways.
import { BrowserWorld, describeInBrowser, startBrowserWorld, violationsOnPath } from './support';

describeInBrowser('lists and entry pages in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  it.each(['/organization', '/group', '/group/giustizia-e-sicurezza', '/activity', '/user/login'])('has no WCAG 2.1 AA violations on %s', async (path) => {
    expect(await violationsOnPath(world, path)).toEqual([]);
  }, 60000);
});
