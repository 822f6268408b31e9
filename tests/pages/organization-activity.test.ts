// The organization page (its details, its datasets through package_search: private ones for members
// and sysadmins, 20 per page) and the dataset activity page's "older / newer" links.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext } from '../support/factories';
import { loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let pistoia: { id: string; name: string };

beforeAll(async () => {
  cat = await startCatalogue();
  pistoia = await makeOrg(cat, { title: 'Comune di Pistoia', identifier: 'c_g713', email: 'opendata@comune.pistoia.it', url: 'https://www.comune.pistoia.it' });
  await makeDataset(cat, pistoia.name, { name: 'bilancio-pistoia', title: 'Bilancio di Pistoia' });
  await makeDataset(cat, pistoia.name, { name: 'riservato-pistoia', title: 'Dati riservati di Pistoia', private: true });
});

afterAll(async () => cat.close());

describe('organization page', () => {
  it('shows the IPA code, email and site', async () => {
    const res = await request(cat.app).get(`/organization/${pistoia.name}`).expect(200);
    expect(res.text).toMatch(/<dt>Codice IPA<\/dt><dd>c_g713<\/dd>/);
    expect(res.text).toContain('href="mailto:opendata@comune.pistoia.it"');
    expect(res.text).toContain('href="https://www.comune.pistoia.it"');
  });

  it("lists its members with their role in the page's language, to its members only", async () => {
    const admin = await makeUser(cat);
    await addMember(cat, pistoia.name, admin.name, 'admin');
    const agent = await loggedInAgent(cat, admin);
    const italian = unescapeHtml((await agent.get(`/organization/${pistoia.name}`).expect(200)).text);
    expect(italian).toContain(`${admin.name}</a> (amministratore)`);
    const english = unescapeHtml((await agent.get(`/organization/${pistoia.name}?lang=en`).expect(200)).text);
    expect(english).toMatch(new RegExp(`${admin.name}</a> \\((administrator|admin)\\)`));
    const anonymous = (await request(cat.app).get(`/organization/${pistoia.name}`).expect(200)).text;
    expect(anonymous).not.toContain(admin.name);
  });

  it('shows only public datasets to anonymous visitors and to members of other organizations', async () => {
    const anonymous = await request(cat.app).get(`/organization/${pistoia.name}`).expect(200);
    expect(anonymous.text).toContain('/dataset/bilancio-pistoia');
    expect(anonymous.text).not.toContain('riservato-pistoia');
    expect(anonymous.text).toContain('Dataset pubblicati (1)');
    const stranger = await makeUser(cat);
    await addMember(cat, (await makeOrg(cat)).name, stranger.name, 'admin');
    const page = await (await loggedInAgent(cat, stranger)).get(`/organization/${pistoia.name}`).expect(200);
    expect(page.text).not.toContain('riservato-pistoia');
  });

  it('lists private datasets, marked "Privato", to a member and to a sysadmin', async () => {
    const member = await makeUser(cat);
    await addMember(cat, pistoia.name, member.name, 'member');
    const sysadmin = await makeUser(cat, { sysadmin: true });
    for (const user of [member, sysadmin]) {
      const res = await (await loggedInAgent(cat, user)).get(`/organization/${pistoia.name}`).expect(200);
      expect(res.text).toMatch(/href="\/dataset\/riservato-pistoia">[^<]*<\/a>\s*<span class="badge[^"]*">Privato<\/span>/);
      expect(res.text).toContain('Dataset pubblicati (2)');
    }
  });

  it('pages the datasets 20 at a time', async () => {
    const lucca = await makeOrg(cat, { title: 'Comune di Lucca' });
    for (let i = 1; i <= 23; i++) await makeDataset(cat, lucca.name, { name: `lucca-${String(i).padStart(2, '0')}` });
    const first = await request(cat.app).get(`/organization/${lucca.name}`).expect(200);
    expect(first.text.match(/catalogo-dataset-item/g)).toHaveLength(20);
    expect(first.text).toContain('Pagina 1 di 2');
    expect(unescapeHtml(first.text)).toContain(`href="/organization/${lucca.name}?page=2" rel="next"`);
    const second = await request(cat.app).get(`/organization/${lucca.name}?page=2`).expect(200);
    expect(second.text.match(/catalogo-dataset-item/g)).toHaveLength(3);
    expect(unescapeHtml(second.text)).toContain(`href="/organization/${lucca.name}?page=1" rel="prev"`);
  });
});

describe('dataset activity page', () => {
  it('shows 20 changes per page with links to older and newer ones', async () => {
    await makeDataset(cat, pistoia.name, { name: 'molte-modifiche', title: 'Versione 0' });
    const ctx = await sysadminContext(cat);
    // 1 creation + 24 changes = 25 activities: a full first page and 5 on the second.
    for (let i = 1; i <= 24; i++) await runAction('package_patch', ctx, { id: 'molte-modifiche', title: `Versione ${i}` });
    const first = await request(cat.app).get('/dataset/activity/molte-modifiche').expect(200);
    expect(first.text.match(/<time datetime=/g)).toHaveLength(20);
    expect(first.text).not.toContain('ha creato il dataset');
    expect(first.text).not.toContain('Modifiche più recenti');
    expect(unescapeHtml(first.text)).toContain('href="/dataset/activity/molte-modifiche?offset=20" rel="next">Modifiche meno recenti');
    const second = await request(cat.app).get('/dataset/activity/molte-modifiche?offset=20').expect(200);
    expect(second.text.match(/<time datetime=/g)).toHaveLength(5);
    expect(second.text).toContain('ha creato il dataset');
    expect(second.text).toContain('href="/dataset/activity/molte-modifiche" rel="prev">Modifiche più recenti');
    expect(second.text).not.toContain('Modifiche meno recenti');
  });

  it('shows no paging links when everything fits, and ignores a bad offset', async () => {
    const res = await request(cat.app).get('/dataset/activity/bilancio-pistoia?offset=-5').expect(200);
    expect(res.text).toContain('ha creato il dataset');
    expect(res.text).not.toContain('Modifiche meno recenti');
    expect(res.text).not.toContain('Modifiche più recenti');
  });
});
