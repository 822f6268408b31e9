// A dataset's history and one change's page in a real browser: axe-core finds no WCAG 2.1 AA violation
// at desktop width nor at 390 px, with every kind of change on show (before/after marks, a replaced
// file, the description word by word, the JSON diff opened). Screenshots go to CATALOGO_SCREENSHOTS.
import path from 'node:path';
import { runAction } from '../../server/core/actions';
import { ActionContext } from '../../server/core/context';
import { makeOrg, makeUser, sysadminContext } from '../support/factories';
import { uploadTo } from '../api/world';
import { axeViolations, BrowserWorld, describeInBrowser, startBrowserWorld } from './support';

const WIDTHS = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];

describeInBrowser('the dataset history in a browser', () => {
  let world: BrowserWorld;
  let paths: string[];

  beforeAll(async () => {
    world = await startBrowserWorld({ demo: false });
    const ctx: ActionContext = await sysadminContext(world.cat);
    const org = await makeOrg(world.cat, { title: 'Comune di Pisa' });
    const ds = await runAction('package_create', ctx, {
      name: 'parcheggi-pisa', title: 'Parcheggi di Pisa', notes: 'Posti auto nei parcheggi del centro, aggiornati ogni mese.', owner_org: org.name,
      tags: [{ name: 'mobilita' }], extras: [{ key: 'fonte', value: 'Ufficio mobilità' }],
    });
    const sysadmin = await makeUser(world.cat, { sysadmin: true });
    const file = (name: string, rows: number) => ({ content: Buffer.from(`posto,libero\n${'1,si\n'.repeat(rows)}`), filename: name, contentType: 'text/csv' });
    const resource = (await uploadTo(world.cat, 'resource_create', { package_id: ds.id, name: 'Posti' }, file('posti-2023.csv', 2000), sysadmin.token)).body.result;
    await uploadTo(world.cat, 'resource_patch', { id: resource.id }, file('posti-2024.csv', 2500), sysadmin.token);
    await runAction('package_patch', ctx, {
      id: ds.id, title: 'Parcheggi e posti auto di Pisa', notes: 'Posti auto liberi nei parcheggi del centro e della stazione, aggiornati ogni giorno.',
      tags: [{ name: 'parcheggi' }], extras: [{ key: 'fonte', value: 'Pisamo' }], theme: [{ theme: 'TRAN', subthemes: [] }], frequency: 'DAILY',
    });
    const [latest] = await runAction('package_activity_list', ctx, { id: ds.id, limit: 1 });
    paths = ['/dataset/activity/parcheggi-pisa', `/dataset/changes/${latest.id}`, '/dataset/activity/parcheggi-pisa?lang=en'];
  }, 120000);
  afterAll(async () => world?.close());

  it('has no WCAG 2.1 AA violations on the history and a change, wide and narrow', async () => {
    const violations: string[] = [];
    for (const viewport of WIDTHS) {
      const page = await world.browser.newPage({ bypassCSP: true, viewport });
      for (const [index, where] of paths.entries()) {
        expect((await page.goto(world.base + where))?.status()).toBe(200);
        // The whole diff open, so that its colours are checked too.
        await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
        violations.push(...(await axeViolations(page, `${where} at ${viewport.width}px`)));
        if (process.env.CATALOGO_SCREENSHOTS) {
          await page.screenshot({ path: path.join(process.env.CATALOGO_SCREENSHOTS, `history-${index}-${viewport.width}.png`), fullPage: true });
        }
      }
      await page.close();
    }
    expect(violations).toEqual([]);
  }, 90000);
});
