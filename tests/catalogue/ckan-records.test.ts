// Real dataset records published by CKAN (tests/fixtures/ckan-records, sources in SOURCES.md) load
// through package_create as published and with CKAN's generated fields removed; what the portal does
// not know comes back as extras; and the DCAT-AP_IT feed with them still passes every shape.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeOrg, makeUser, TestUser } from '../support/factories';
import { toNTriples } from '../support/rdf';
import { describeViolations, ShapeSet, violationsOf } from '../support/shacl';

const DIR = path.join(__dirname, '..', 'fixtures', 'ckan-records');
const record = (file: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
const REQUIRED: ShapeSet[] = ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap-2.1.1-base', 'dcat-ap_it'];

/** What CKAN generates itself: a client loading a record elsewhere may leave it out. */
const GENERATED = ['id', 'revision_id', 'metadata_created', 'metadata_modified', 'creator_user_id', 'num_resources', 'num_tags',
  'tracking_summary', 'organization', 'isopen', 'license_title', 'license_url', 'relationships_as_object', 'relationships_as_subject', 'state'];
const GENERATED_IN_RESOURCES = ['id', 'package_id', 'revision_id', 'created', 'position', 'state', 'cache_url', 'cache_last_updated', 'tracking_summary'];

function withoutGenerated(dataset: Record<string, any>, name: string): Record<string, any> {
  const copy: Record<string, any> = structuredClone(dataset);
  for (const field of GENERATED) delete copy[field];
  for (const resource of copy.resources ?? []) for (const field of GENERATED_IN_RESOURCES) delete resource[field];
  return { ...copy, name };
}

let cat: TestCatalogue;
let admin: TestUser;
beforeAll(async () => {
  cat = await startCatalogue();
  admin = await makeUser(cat, { sysadmin: true });
  // The organization the DCAT-AP_IT record names; the ckanext-dcat examples name none (CKAN requires one).
  await makeOrg(cat, { name: 'mytestorg', title: 'My test org', identifier: 'c_t002' });
});
afterAll(async () => cat.close());

const load = (dataset: Record<string, unknown>) => callAction(cat, 'package_create', dataset, admin.token);
const extrasOf = (dataset: any): Record<string, string> => Object.fromEntries(dataset.extras.map((e: any) => [e.key, e.value]));

describe('a ckanext-dcatapit record (package_show of a CKAN with DCAT-AP_IT)', () => {
  const published = record('daf-dcatapit-test-dataset.json');

  it('loads as published, its fields read and the unknown ones kept as extras', async () => {
    const res = await load(published);
    expect(res.status).toBe(200);
    const shown = (await getAction(cat, 'package_show', { id: 'test-dcatapit-api-4' })).body.result;
    expect(shown).toMatchObject({
      title: 'test dcatapit api 2', identifier: '12121212', frequency: 'BIENNIAL', theme: '[{"theme":"ECON","subthemes":[]}]',
      language: '{ENG,ITA}', geographical_name: 'ITA_BZO', holder_identifier: '121212', publisher_identifier: '23232', license_id: 'other-nc',
      alternate_identifier: JSON.stringify([{ identifier: 'ISBN', agent: null }, { identifier: 'TEST', agent: null }]),
      creator: JSON.stringify([{ creator_name: 'test', creator_identifier: '12122' }]),
    });
    expect(JSON.parse(shown.conforms_to)[0].identifier).toMatch(/^Regolamento \(UE\) n\. 1089\/2010/);
    expect(extrasOf(shown)).toEqual({
      ksdlkn: 'vvvv', site_url: 'http://192.168.1.124', encoding: 'UTF-8', creation_date: '2017-06-01', fields_description: '', contact: '',
    });
    expect(shown.resources[0]).toMatchObject({ format: 'XML', distribution_format: 'XML', webstore_url: null });
    expect(shown.resources[0]).not.toHaveProperty('revision_id');
  });

  it('loads with the generated fields removed, and a second time under another name', async () => {
    const res = await load(withoutGenerated({ ...published, identifier: '12121213' }, 'test-dcatapit-copia'));
    expect(res.status).toBe(200);
    expect(res.body.result.metadata_created).not.toBe(published.metadata_created);
  });
});

describe("ckanext-dcatapit 2's own test dataset (package_create input of its serializer test)", () => {
  const published = record('ckanext-dcatapit-serialize-test-dataset.json');

  it('loads as published: multilingual names read in Italian, standards without a web URI kept, the rest as extras', async () => {
    const res = await load(published);
    expect(res.status).toBe(200);
    const shown = (await getAction(cat, 'package_show', { id: published.name })).body.result;
    expect(shown).toMatchObject({ identifier: published.identifier, frequency: 'UPDATE_CONT', language: '{DEU,ENG,ITA}', temporal_start: '2016-11-01' });
    expect(JSON.parse(shown.theme).map((t: any) => t.theme)).toEqual(['AGRI', 'ENVI']);
    expect(JSON.parse(shown.creator)).toEqual([{ creator_name: 'abcIT', creator_identifier: 'ABC' }, { creator_name: 'cde', creator_identifier: 'CDE' }]);
    expect(JSON.parse(shown.alternate_identifier)[0]).toEqual({ identifier: 'aaaabc', agent: { agent_name: 'Agent it 01', agent_identifier: 'agent01' } });
    expect(JSON.parse(shown.conforms_to).map((c: any) => [c.identifier, c.title])).toEqual([['CONF1', 'title1IT'], ['CONF2', 'title2IT']]);
    expect(extrasOf(shown)).toMatchObject({ conforms_to_unmapped: '["CONF1 conf01"]', themes_aggregate: published.themes_aggregate, temporal_coverage: published.temporal_coverage });
    // In the feed with a distribution (the feed lists datasets that have one).
    expect((await callAction(cat, 'resource_create', { package_id: shown.id, url: 'https://example.org/energia.csv' }, admin.token)).status).toBe(200);
  });

  it('loads with the generated fields removed, and its package_show dict loads again elsewhere', async () => {
    const stripped = await load(withoutGenerated({ ...published, identifier: 'dcatapit-test-2' }, 'dcatapit-test-senza-generati'));
    expect(stripped.status).toBe(200);
    const shown = (await getAction(cat, 'package_show', { id: published.name })).body.result;
    const again = await load(withoutGenerated({ ...shown, identifier: 'dcatapit-test-3' }, 'dcatapit-test-da-package-show'));
    expect(again.status).toBe(200);
    const copy = (await getAction(cat, 'package_show', { id: 'dcatapit-test-da-package-show' })).body.result;
    for (const field of ['theme', 'creator', 'conforms_to', 'language', 'frequency', 'alternate_identifier']) expect([field, copy[field]]).toEqual([field, shown[field]]);
    expect(extrasOf(copy)).toEqual(extrasOf(shown));
  });
});

describe('ckanext-dcat example records', () => {
  it('the core record loads (with the name and organization CKAN requires), its extras kept', async () => {
    const core = record('ckanext-dcat-ckan_dataset.json');
    const res = await load({ ...core, name: 'zimbabwe-geochemical', owner_org: 'mytestorg' });
    expect(res.status).toBe(200);
    expect(res.body.result.id).toBe(core.id);
    expect(extrasOf(res.body.result)).toMatchObject({ dcat_issued: '2012-05-10', guid: '9df8df51-63db-37a8-e044-0003ba9b0d98', language: 'en,es,ca' });
    expect(res.body.result.resources[0].format).toBe('HTML');
    const stripped = await load({ ...withoutGenerated(core, 'zimbabwe-senza-generati'), owner_org: 'mytestorg' });
    expect(stripped.status).toBe(200);
  });

  it('the multilingual record loads, its translations and scheming fields kept', async () => {
    const multilingual = record('ckanext-dcat-ckan_dataset_multilingual.json');
    const res = await load({ ...multilingual, owner_org: 'mytestorg' });
    expect(res.status).toBe(200);
    const extras = extrasOf(res.body.result);
    expect(JSON.parse(extras.title_translated).ca).toBe('Conjunt de dades de prova DCAT');
    expect(JSON.parse(extras.provenance).es).toBe('Una declaración sobre la procedencia');
    expect(JSON.parse(extras.contact)[1].email).toBe('contact2@example.org');
    expect(res.body.result.language).toBe('{ENG,CAT,SPA}');
    expect(res.body.result.resources[0].name_translated.es).toBe('Recurso 1');
    const english = (await request(cat.app).get('/dataset/test-dataset-multilingual?lang=en').expect(200)).text;
    expect(english).toMatch(/<h1 id="dataset-title">Test DCAT dataset/);
  });

  it('the DCAT-AP record loads, its themes outside the EU vocabulary kept as theme_unmapped', async () => {
    const full = record('ckanext-dcat-ckan_full_dataset_dcat_ap.json');
    const loaded = await load({ ...full, owner_org: 'mytestorg' });
    expect(loaded.status).toBe(200);
    expect(loaded.body.result).toMatchObject({ frequency: 'MONTHLY', identifier: 'xx-some-dataset-id-yy' });
    expect(JSON.parse(extrasOf(loaded.body.result).theme_unmapped)).toEqual(full.theme);
    expect(JSON.parse(loaded.body.result.creator)).toEqual([{ creator_name: 'Test Creator', creator_identifier: 'http://example.org/creator-id' }]);
    expect(JSON.parse(extrasOf(loaded.body.result).temporal_coverage)[0]).toEqual({ start: '1905-03-01', end: '2013-01-05' });
  });
});

describe('the DCAT-AP_IT feed with all of them', () => {
  it('has no violations, leaves out what cannot be published and says so in the quality notes', async () => {
    const odd = await load({
      name: 'valori-liberi', title: 'Valori liberi', notes: 'Valori che CKAN accetta.', owner_org: 'mytestorg',
      url: 'Ufficio statistica, piano terra', license_id: 'licenza-comunale-2019', theme: ['ENVI', 'Ambiente urbano locale'],
      frequency: 'Quando capita', language: ['Italiano', 'Dialetto pratese'], geographical_name: 'Val di Bisenzio',
      resources: [{ url: 'https://dati.example.it/servizio', format: 'Servizio interno', name: 'Servizio' }, { url: 'Archivio cartaceo, stanza 12', name: 'Carta' }],
    });
    const notesOnly = await load({ name: 'senza-descrizione', title: 'Senza descrizione', owner_org: 'mytestorg', resources: [{ url: 'https://dati.example.it/s.csv' }] });
    expect(notesOnly.status).toBe(200);
    expect(odd.status).toBe(200);
    const feed = await request(cat.app).get('/catalog.ttl');
    expect(feed.status).toBe(200);
    const triples = await toNTriples(feed.text, 'turtle');
    const violations = await violationsOf(triples, REQUIRED);
    expect(describeViolations(violations)).toBe(describeViolations([]));
    expect(triples).not.toContain('Ufficio statistica');
    expect(triples).not.toContain('Archivio cartaceo');
    expect(triples).not.toContain('Ambiente urbano locale');
    for (const unpublished of ['Quando capita', 'Dialetto pratese', 'Val di Bisenzio']) expect(triples).not.toContain(unpublished);
    expect(extrasOf(odd.body.result)).toMatchObject({
      frequency_unmapped: '["Quando capita"]', language_unmapped: '["Dialetto pratese"]', geographical_name_unmapped: '["Val di Bisenzio"]',
    });
    expect(triples).toContain(`<http://catalogo.test/dataset/${notesOnly.body.result.id}> <http://purl.org/dc/terms/description> "Senza descrizione"@it`);
    const oddNode = `<http://catalogo.test/dataset/${odd.body.result.id}/resource/${odd.body.result.resources[0].id}>`;
    expect(triples).toContain(`${oddNode} <http://purl.org/dc/terms/format> <http://publications.europa.eu/resource/authority/file-type/OP_DATPRO>`);
    expect(triples).toContain(`${oddNode} <http://purl.org/dc/terms/license> <https://w3id.org/italia/controlled-vocabulary/licences/C11_Unknown>`);
    for (const name of ['test-dcatapit-api-4', 'zimbabwe-geochemical', 'test-dataset-multilingual', 'test-dataset-shacl', 'dataset-di-test-dcat-ap-it']) {
      const shown = (await getAction(cat, 'package_show', { id: name })).body.result;
      expect(triples).toContain(`<http://catalogo.test/dataset/${shown.id}>`);
    }
    const notes = odd.body.result.dcat_quality.improvements.map((i: any) => i.message).join('\n');
    expect(notes).toContain('il formato non è nel vocabolario EU dei tipi di file');
    expect(notes).toContain('la licenza non è nel vocabolario AgID delle licenze');
    expect(notes).toContain('Il campo url non è un indirizzo web');
    expect(notes).toContain("l'indirizzo non è un indirizzo web (http://, https:// o ftp://)");
    expect(notes).toContain('Alcuni temi non sono nel vocabolario EU dei temi');
    expect(notes).toContain('La frequenza di aggiornamento non è nel vocabolario EU delle frequenze');
    expect(notes).toContain('Alcune lingue non sono nel vocabolario EU delle lingue');
    expect(notes).toContain('Il luogo non è nel vocabolario EU dei luoghi');
  }, 90000);
});
