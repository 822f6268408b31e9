// The search page with active filters in a real browser: axe-core finds no WCAG 2.1 AA violations, in
// Italian and in English, on a desktop and on a 390 px phone (the other entry pages: accessibility.test.ts).
import { BrowserWorld, describeInBrowser, startBrowserWorld, violationsOnPath } from './support';

describeInBrowser('the filtered search page in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  }, 120000);
  afterAll(async () => world?.close());

  // Active filters show as removable chips, each with its own accessible name.
  it('has no WCAG 2.1 AA violations on the search page with active filters', async () => {
    expect(await violationsOnPath(world, '/dataset?organization=regione-toscana&tags=legalit%C3%A0&groups=giustizia-e-sicurezza')).toEqual([]);
  }, 60000);
});
