// The site's recent changes (/activity): who changed which dataset and when, private ones only to
// those who may see them, newest first in pages of 20.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext } from '../support/factories';
import { loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let lucca: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  lucca = await makeOrg(cat, { title: 'Comune di Lucca' });
  await makeDataset(cat, lucca.name, { name: 'parcheggi-lucca', title: 'Parcheggi di Lucca' });
  await makeDataset(cat, lucca.name, { name: 'riservato-lucca', title: 'Appunti riservati', private: true });
  const gone = await makeDataset(cat, lucca.name, { name: 'cancellato-lucca', title: 'Dataset cancellato' });
  await runAction('package_delete', await sysadminContext(cat), { id: gone.id });
});
afterAll(async () => cat.close());

describe('recent changes of the whole site', () => {
  it('lists who changed which dataset, with links; deleted datasets are left out', async () => {
    const html = unescapeHtml((await request(cat.app).get('/activity').expect(200)).text);
    expect(html).toContain('<h1>Ultime modifiche</h1>');
    expect(html).toContain('<a href="/dataset/parcheggi-lucca">Parcheggi di Lucca</a>');
    expect(html).toContain('ha creato il dataset');
    expect(html).not.toContain('Dataset cancellato');
    expect(html).not.toContain('Appunti riservati');
  });

  it('shows sysadmins the deletion of a dataset, without a link to it', async () => {
    const sysadmin = await makeUser(cat, { sysadmin: true });
    const html = unescapeHtml((await request(cat.app).get('/activity').set('Authorization', sysadmin.token).expect(200)).text);
    expect(html).toContain('ha eliminato il dataset');
    expect(html).toContain('Dataset cancellato');
    expect(html).not.toContain('href="/dataset/cancellato-lucca"');
  });

  it("shows a private dataset's changes to a member of its organization", async () => {
    const member = await makeUser(cat);
    await addMember(cat, lucca.name, member.name, 'member');
    const html = (await (await loggedInAgent(cat, member)).get('/activity').expect(200)).text;
    expect(html).toContain('Appunti riservati');
  });

  it('pages by 20 with "older" and "newer" links', async () => {
    for (let i = 0; i < 21; i += 1) await makeDataset(cat, lucca.name, { name: `serie-${i}` });
    const first = unescapeHtml((await request(cat.app).get('/activity').expect(200)).text);
    expect(first).toContain('href="/activity?offset=20" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const second = unescapeHtml((await request(cat.app).get('/activity?offset=20').expect(200)).text);
    expect(second).toContain('href="/activity" rel="prev"');
    expect(second).toContain('Parcheggi di Lucca');
  });
});
