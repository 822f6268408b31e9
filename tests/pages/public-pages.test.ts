// The public pages: home, dataset list with search and facets, dataset and resource pages, languages.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, makeDataset, makeOrg, makeUser, sysadminContext, unique } from '../support/factories';
import { runAction } from '../../server/core/actions';
import { loggedInAgent, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let firenze: { id: string; name: string };
let prato: { id: string; name: string };
let groupName: string;

beforeAll(async () => {
  cat = await startCatalogue();
  firenze = await makeOrg(cat, { title: 'Comune di Firenze' });
  prato = await makeOrg(cat, { title: 'Comune di Prato' });
  groupName = unique('ambiente');
  await runAction('group_create', await sysadminContext(cat), { name: groupName, title: 'Ambiente' });
  await makeDataset(cat, firenze.name, {
    name: 'qualita-aria-firenze', title: 'Qualità dell\'aria a Firenze', tag_string: 'aria, ambiente, qualità aria',
    notes: '# Misure\n\n| Stazione | PM10 |\n|---|---|\n| Gramsci | 31 |\n\n<script>alert(1)</script>',
    groups: [{ name: groupName }], extras: [{ key: 'frequenza', value: 'giornaliera' }],
    resources: [{ name: 'Misure 2024', url: 'https://dati.example.it/aria-2024.csv', format: 'CSV' }],
  });
  await makeDataset(cat, prato.name, { name: 'bilancio-prato', title: 'Bilancio di Prato' });
  await makeDataset(cat, prato.name, { name: 'dati-riservati-prato', title: 'Dati riservati di Prato', private: true });
});

afterAll(async () => cat.close());

describe('home page', () => {
  it('describes the portal, lists the organizations and shows the counts', async () => {
    const res = await request(cat.app).get('/').expect(200);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain('Sesto Fiorentino');
    expect(res.text).toContain('Comune di Firenze');
    expect(res.text).toContain('Comune di Prato');
    expect(res.text).toMatch(/data-count="datasets">2</);
    expect(res.text).toMatch(/data-count="organizations">2</);
    // The 13 EU themes' groups, which every catalogue has, and the group made above.
    expect(res.text).toMatch(/data-count="groups">14</);
    expect(res.text).toContain('action="/dataset"');
  });
});

describe('dataset list', () => {
  it('finds datasets by q', async () => {
    const res = await request(cat.app).get('/dataset').query({ q: 'aria' }).expect(200);
    expect(res.text).toContain('/dataset/qualita-aria-firenze');
    expect(res.text).not.toContain('/dataset/bilancio-prato');
  });

  it('filters by organization through the facet links', async () => {
    const all = await request(cat.app).get('/dataset').expect(200);
    expect(unescapeHtml(all.text)).toContain(`href="/dataset?organization=${prato.name}"`);
    const res = await request(cat.app).get('/dataset').query({ organization: prato.name }).expect(200);
    expect(res.text).toContain('/dataset/bilancio-prato');
    expect(res.text).not.toContain('/dataset/qualita-aria-firenze');
    expect(res.text).toContain('1 dataset trovato');
  });

  it('filters by tag and answers an unknown sort with the default order, not an error', async () => {
    const res = await request(cat.app).get('/dataset').query({ tags: 'aria', sort: 'bogus; drop' }).expect(200);
    expect(res.text).toContain('/dataset/qualita-aria-firenze');
    expect(res.text).not.toContain('/dataset/bilancio-prato');
  });

  it('hides a private dataset from anonymous users and shows it, marked, to a member', async () => {
    const anonymous = await request(cat.app).get('/dataset').expect(200);
    expect(anonymous.text).not.toContain('dati-riservati-prato');
    await request(cat.app).get('/dataset/dati-riservati-prato').expect(404);

    const member = await makeUser(cat);
    await addMember(cat, prato.name, member.name, 'member');
    const agent = await loggedInAgent(cat, member);
    const list = await agent.get('/dataset').expect(200);
    expect(list.text).toContain('/dataset/dati-riservati-prato');
    expect(list.text).toContain('Privato');
    await agent.get('/dataset/dati-riservati-prato').expect(200);
  });
});

describe('dataset page', () => {
  it('shows resources with their links, the licence, tags, groups and extras', async () => {
    const res = await request(cat.app).get('/dataset/qualita-aria-firenze').expect(200);
    expect(res.text).toContain('href="https://dati.example.it/aria-2024.csv"');
    expect(res.text).toContain('Creative Commons Attribuzione 4.0');
    expect(res.text).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
    expect(res.text).toContain(`href="/group/${groupName}"`);
    expect(res.text).toContain('<th scope="row">frequenza</th>');
    expect(res.text).toContain('/dataset/activity/qualita-aria-firenze');
    expect(unescapeHtml(res.text)).toContain('href="/dataset?tags=qualit%C3%A0%20aria"');
    expect(res.text.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('renders Markdown tables and strips scripts from the notes', async () => {
    const res = await request(cat.app).get('/dataset/qualita-aria-firenze').expect(200);
    expect(res.text).toContain('<th scope="col">Stazione</th>');
    expect(res.text).toContain('<h2>Misure</h2>');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('answers 404 with an error page for an unknown dataset', async () => {
    const res = await request(cat.app).get('/dataset/non-esiste').expect(404);
    expect(res.text).toContain('Pagina non trovata');
  });

  it('lists the activity of a dataset', async () => {
    const res = await request(cat.app).get('/dataset/activity/qualita-aria-firenze').expect(200);
    expect(res.text).toContain('ha creato il dataset');
  });
});

describe('organizations and groups', () => {
  it('lists organizations and shows one with its datasets', async () => {
    const list = await request(cat.app).get('/organization').expect(200);
    expect(list.text).toContain(`/organization/${firenze.name}`);
    const one = await request(cat.app).get(`/organization/${prato.name}`).expect(200);
    expect(one.text).toContain('/dataset/bilancio-prato');
    expect(one.text).not.toContain('dati-riservati-prato');
  });

  it('shows a group with its datasets', async () => {
    await request(cat.app).get('/group').expect(200);
    const res = await request(cat.app).get(`/group/${groupName}`).expect(200);
    expect(res.text).toContain('/dataset/qualita-aria-firenze');
  });
});

describe('languages', () => {
  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const agent = request.agent(cat.app);
    const english = await agent.get('/dataset?lang=en').expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Filter results');
    expect(english.text).not.toContain('Filtra i risultati');
    const next = await agent.get('/').expect(200);
    expect(next.text).toContain('Open data from Tuscany');
    const back = await agent.get('/?lang=it').expect(200);
    expect(back.text).toContain('Dati aperti della Toscana');
  });

  it('follows Accept-Language when nothing was chosen', async () => {
    const res = await request(cat.app).get('/').set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(res.text).toContain('<html lang="en">');
  });
});

describe('a search the portal cannot read', () => {
  it('shows the search page with the reason next to the box, not an error page', async () => {
    const res = await request(cat.app).get('/dataset').query({ q: 'bilancio (((' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="search-q-error"[\s\S]*?<p class="mb-0">[^<]*parentes/);
    expect(res.text).toContain('aria-describedby="search-q-error"');
    expect(res.text).toContain('value="bilancio ((("');
  });
});
