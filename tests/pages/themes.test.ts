// The themes on the pages: the dataset form has one list of themes (the EU data themes, labelled in the
// page's language); what the editor ticks is the dataset's theme in the DCAT feed (valid against the
// SHACL shapes) and puts it on the theme's page, in the home page's counts and in the groups facet.
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { sysadminContext } from '../support/factories';
import { describeViolations, violationsOf } from '../support/shacl';
import { toNTriples } from '../support/rdf';
import { csrfFor, editorsWorld, unescapeHtml } from './helpers';

let cat: TestCatalogue;
let org: { id: string; name: string };
let editorAgent: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ({ cat, org, editorAgent } = await editorsWorld('Comune di Pistoia', 'Comune di Lucca'));
});
afterAll(async () => cat.close());

async function postNew(fields: Record<string, string | string[]>) {
  const token = await csrfFor(editorAgent, '/dataset/new');
  return editorAgent.post('/dataset/new').type('form')
    .send({ title: 'Fermate degli autobus', notes: 'Le fermate del trasporto urbano', owner_org: org.id, license_id: 'CC-BY-4.0', _csrf: token, ...fields });
}

/** The theme page's datasets (links to them) and its heading's count. */
async function themePage(name: string, lang = 'it') {
  const html = (await request(cat.app).get(`/group/${name}?lang=${lang}`).expect(200)).text;
  const datasets = [...html.matchAll(/href="\/dataset\/([^"/?]+)"/g)].map((m) => m[1]);
  const count = Number(/<h2 id="datasets-title"[^>]*>[^<(]*\((\d+)\)/.exec(html)?.[1]);
  return { html, datasets, count };
}

describe('the dataset form', () => {
  it('has one fieldset of themes: the 13 EU themes, labelled in the page\'s language, and no other group list', async () => {
    const italian = unescapeHtml((await editorAgent.get('/dataset/new').expect(200)).text);
    expect(italian.match(/name="theme"/g)).toHaveLength(13);
    expect(italian).not.toContain('name="groups"');
    expect(italian.match(/id="field-theme"/g)).toHaveLength(1);
    expect(italian).toMatch(/for="theme-TRAN">Trasporti</);
    const english = unescapeHtml((await editorAgent.get('/dataset/new?lang=en').expect(200)).text);
    expect(english).toMatch(/for="theme-TRAN">Transport</);
    await editorAgent.get('/dataset?lang=it').expect(200);
  });

  it('saves the ticked themes: the DCAT feed has them (valid DCAT-AP), the theme page lists the dataset', async () => {
    const before = await themePage('trasporti');
    expect(await postNew({ name: 'fermate-pistoia', theme: ['TRAN', 'REGI'] })).toMatchObject({ status: 303 });
    await runAction('resource_create', await sysadminContext(cat), { package_id: 'fermate-pistoia', name: 'Fermate', url: 'https://dati.example.it/fermate.csv', format: 'CSV' });
    const ttl = (await request(cat.app).get('/dataset/fermate-pistoia.ttl').expect(200)).text;
    expect(ttl).toContain('data-theme/TRAN');
    expect(ttl).toContain('data-theme/REGI');
    expect(ttl).not.toContain('OP_DATPRO');
    const violations = await violationsOf(await toNTriples(ttl, 'turtle'), ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap-2.1.1-base', 'dcat-ap_it']);
    expect(describeViolations(violations)).toBe(describeViolations([]));
    const after = await themePage('trasporti');
    expect(after.datasets).toContain('fermate-pistoia');
    expect(after.count).toBe(before.count + 1);
    expect((await themePage('regioni-e-citta')).datasets).toContain('fermate-pistoia');
  }, 60000);

  it('moves the dataset when the editor changes its themes', async () => {
    await postNew({ name: 'parcheggi-pistoia', title: 'Parcheggi', theme: ['TRAN'] });
    const token = await csrfFor(editorAgent, '/dataset/edit/parcheggi-pistoia');
    const edit = unescapeHtml((await editorAgent.get('/dataset/edit/parcheggi-pistoia').expect(200)).text);
    expect(edit).toMatch(/value="TRAN" id="theme-TRAN" checked>/);
    await editorAgent.post('/dataset/edit/parcheggi-pistoia').type('form')
      .send({ title: 'Parcheggi', name: 'parcheggi-pistoia', notes: 'Parcheggi di scambio', owner_org: org.id, license_id: 'CC-BY-4.0', theme: ['ENVI'], _csrf: token })
      .expect(303);
    expect((await themePage('trasporti')).datasets).not.toContain('parcheggi-pistoia');
    expect((await themePage('ambiente')).datasets).toContain('parcheggi-pistoia');
    const dataset = await runAction('package_show', await sysadminContext(cat), { id: 'parcheggi-pistoia' });
    expect(dataset.groups.map((g: { name: string }) => g.name)).toEqual(['ambiente']);
  });
});

describe('theme pages, the home page and the facet', () => {
  it('label the themes in the page\'s language and count what the theme page lists', async () => {
    const page = await themePage('trasporti', 'en');
    expect(page.html).toMatch(/<h1 id="item-title">Transport<\/h1>/);
    expect(page.html).toContain('href="/dataset?groups=trasporti"');
    const home = unescapeHtml((await request(cat.app).get('/?lang=it').expect(200)).text);
    const line = new RegExp(`<a href="/group/trasporti">Trasporti</a> <span class="text-muted">\\(${page.count} dataset\\)</span>`);
    expect(home).toMatch(line);
    expect(home.match(/<a href="\/group\//g)).toHaveLength(13);
    const list = unescapeHtml((await request(cat.app).get('/group?lang=en').expect(200)).text);
    expect(list).toMatch(/<a href="\/group\/trasporti">Transport<\/a>/);
    const facet = (await runAction('package_search', await sysadminContext(cat), { 'facet.field': ['groups'], rows: 0 })).search_facets.groups.items;
    expect(facet.find((i: { name: string }) => i.name === 'trasporti').count).toBe(page.count);
  });
});
