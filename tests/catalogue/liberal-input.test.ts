// Accept what CKAN accepts, lose nothing: unknown fields kept as extras, CKAN's generated fields
// dropped, values in CKAN's forms normalised before they are judged, and still per-field Italian
// errors for the values that cannot be stored.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { callAction, getAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';

let cat: TestCatalogue;
let admin: TestUser;
let org: { id: string; name: string };
beforeAll(async () => {
  cat = await startCatalogue();
  admin = await makeUser(cat, { sysadmin: true });
  org = await makeOrg(cat);
});
afterAll(async () => cat.close());

const create = (fields: Record<string, unknown>) =>
  callAction(cat, 'package_create', { name: unique('ds'), notes: 'Descrizione', owner_org: org.name, ...fields }, admin.token);

async function created(fields: Record<string, unknown>): Promise<any> {
  const res = await create(fields);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body.error));
  return (await getAction(cat, 'package_show', { id: res.body.result.id }, admin.token)).body.result;
}

const extrasOf = (dataset: any): Record<string, string> => Object.fromEntries(dataset.extras.map((e: any) => [e.key, e.value]));

describe('unknown fields', () => {
  it('are kept as extras: text as given, lists and objects as their JSON', async () => {
    const dataset = await created({
      spatial: '{"type":"Point","coordinates":[11.25,43.77]}', site_url: 'https://dati.example.it', distribution_format: 'CSV',
      numero: 7, aperto: true, scheming: { a: [1, 2] }, extras: [{ key: 'fonte', value: 'ISTAT' }],
    });
    expect(extrasOf(dataset)).toEqual({
      fonte: 'ISTAT', spatial: '{"type":"Point","coordinates":[11.25,43.77]}', site_url: 'https://dati.example.it',
      distribution_format: 'CSV', numero: '7', aperto: 'true', scheming: '{"a":[1,2]}',
    });
    expect(dataset.spatial).toBeUndefined();
  });

  it('are shown on the dataset page under "Altri metadati"', async () => {
    const dataset = await created({ ente_fornitore: 'Comune di Prato' });
    const html = (await request(cat.app).get(`/dataset/${dataset.name}`).expect(200)).text;
    expect(html).toContain('Altri metadati');
    expect(html).toMatch(/<th scope="row">ente_fornitore<\/th><td>Comune di Prato<\/td>/);
  });

  it("of a resource are kept in the resource, and CKAN's generated ones are dropped", async () => {
    const dataset = await created({ resources: [{ url: 'https://example.org/a.csv', distribution_format: 'CSV', webstore_url: null, revision_id: 'r1', tracking_summary: { total: 1 }, has_views: true }] });
    const [resource] = dataset.resources;
    expect(resource.distribution_format).toBe('CSV');
    expect(resource).toHaveProperty('webstore_url', null);
    expect(resource).not.toHaveProperty('revision_id');
    expect(resource).not.toHaveProperty('tracking_summary');
    expect(resource).not.toHaveProperty('has_views');
  });

  it("that CKAN generates are dropped, not kept: a package_show dict of another portal loads as it is", async () => {
    const dataset = await created({
      revision_id: 'r1', revision_timestamp: '2017-06-01', tracking_summary: { total: 3, recent: 1 }, num_resources: 9, num_tags: 9,
      relationships_as_object: [], relationships_as_subject: [], metadata_created: '2001-01-01T00:00:00', metadata_modified: '2001-01-01T00:00:00',
      creator_user_id: 'altro', isopen: true, license_title: 'x', license_url: 'y', organization: { name: 'altro-ente', title: 'Altro' },
    });
    expect(dataset.extras).toEqual([]);
    expect(dataset.metadata_created.startsWith('2001')).toBe(false);
    expect(dataset.organization.name).toBe(org.name);
    expect(dataset.num_resources).toBe(0);
  });

  it('take the organization from the organization dict when owner_org is missing', async () => {
    const res = await callAction(cat, 'package_create', { name: unique('ds'), notes: 'Descrizione', organization: { name: org.name } }, admin.token);
    expect(res.status).toBe(200);
    expect(res.body.result.owner_org).toBe(org.id);
  });

  it('add to the extras on package_patch, which keeps the others; a patch without any changes none', async () => {
    const dataset = await created({ extras: [{ key: 'a', value: '1' }], b: '2' });
    const patched = await callAction(cat, 'package_patch', { id: dataset.id, c: '3', b: '20' }, admin.token);
    expect(extrasOf(patched.body.result)).toEqual({ a: '1', b: '20', c: '3' });
    const again = await callAction(cat, 'package_patch', { id: dataset.id, title: 'Nuovo titolo' }, admin.token);
    expect(extrasOf(again.body.result)).toEqual({ a: '1', b: '20', c: '3' });
  });

  it('that cannot be stored are per-field Italian errors, and nothing is created', async () => {
    const name = unique('ds');
    const res = await callAction(cat, 'package_create', { name, notes: 'D', owner_org: org.name, troppo: 'x'.repeat(100_001) }, admin.token);
    expect(res.status).toBe(409);
    expect(res.body.error.troppo).toEqual(['Valore troppo lungo: al massimo 100000 caratteri']);
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`campo_${i}`, 'v']));
    const tooMany = await callAction(cat, 'package_create', { name, notes: 'D', owner_org: org.name, ...many }, admin.token);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.extras[0]).toMatch(/^Troppi metadati aggiuntivi/);
    expect((await getAction(cat, 'package_show', { id: name }, admin.token)).status).toBe(404);
  });
});

describe('values in the forms CKAN takes', () => {
  it.each([['True', true], ['true', true], ['yes', true], ['1', true], [1, true], ['False', false], ['no', false], ['0', false], [0, false]])(
    'private %j is %j', async (given, expected) => {
      expect((await created({ private: given })).private).toBe(expected);
    },
  );

  it('a boolean that is none is still an Italian error', async () => {
    const res = await create({ private: 'forse' });
    expect(res.status).toBe(409);
    expect(res.body.error.private).toEqual(['Tipo errato: atteso vero o falso']);
  });

  it('booleans of a query string too (include_private=True)', async () => {
    const hidden = await created({ private: true });
    const res = await getAction(cat, 'package_search', { q: hidden.name, include_private: 'True' }, admin.token);
    expect(res.body.result.results.map((d: any) => d.name)).toEqual([hidden.name]);
  });

  it('emails are trimmed; a bad one is still refused', async () => {
    const dataset = await created({ maintainer_email: ' ufficio@comune.it  ', author_email: 'a@b.it\n', contact_email: ' c@d.it ' });
    expect([dataset.maintainer_email, dataset.author_email, dataset.contact_email]).toEqual(['ufficio@comune.it', 'a@b.it', 'c@d.it']);
    expect((await create({ maintainer_email: ' non una email ' })).body.error.maintainer_email).toEqual(['Indirizzo email non valido (esempio: nome@comune.it)']);
  });

  it('a dataset url that is not a web address is kept as free text', async () => {
    expect((await created({ url: 'Ufficio statistica, piano terra' })).url).toBe('Ufficio statistica, piano terra');
  });

  it.each([
    ['cc-by-4.0', 'CC-BY-4.0'], ['CC-BY-4.0', 'CC-BY-4.0'], ['https://creativecommons.org/licenses/by/4.0/', 'CC-BY-4.0'],
    ['http://creativecommons.org/licenses/by/4.0/deed.it', 'CC-BY-4.0'], ['cc-by', 'cc-by'], ['CC-BY', 'cc-by'],
    ['https://w3id.org/italia/controlled-vocabulary/licences/A11_CCO10', 'CC0-1.0'], ['iodl-2.0', 'IODL-2.0'],
    ['licenza-comunale-2019', 'licenza-comunale-2019'],
  ])('licence %s is %s', async (given, expected) => {
    const dataset = await created({ license_id: given });
    expect(dataset.license_id).toBe(expected);
  });

  it('a licence outside the list keeps its id as its title', async () => {
    const dataset = await created({ license_id: 'licenza-comunale-2019' });
    expect([dataset.license_title, dataset.license_url, dataset.isopen]).toEqual(['licenza-comunale-2019', '', false]);
  });

  it('a missing title is the name', async () => {
    const name = unique('senza-titolo');
    expect((await created({ name })).title).toBe(name);
    expect((await created({ name: unique('t'), title: '' })).title).toMatch(/^t-/);
  });

  it.each([
    ['theme', 'Environment', '[{"theme":"ENVI","subthemes":[]}]'],
    ['theme', 'ambiente', '[{"theme":"ENVI","subthemes":[]}]'],
    ['theme', ['http://publications.europa.eu/resource/authority/data-theme/ENVI', 'Economia e finanze'], '[{"theme":"ENVI","subthemes":[]},{"theme":"ECON","subthemes":[]}]'],
    ['language', 'English', 'ENG'],
    ['language', ['http://publications.europa.eu/resource/authority/language/ENG', 'it', 'Italiano'], '{ENG,ITA}'],
    ['frequency', 'Annuale', 'ANNUAL'],
    ['frequency', 'monthly', 'MONTHLY'],
    ['frequency', 'https://publications.europa.eu/resource/authority/frequency/WEEKLY', 'WEEKLY'],
  ])('%s %j is read as %s', async (field, given, expected) => {
    expect((await created({ [field]: given }))[field]).toBe(expected);
  });

  it('a value of a vocabulary that is none is kept as FIELD_unmapped, the field left to its default', async () => {
    const kept = await created({ theme: 'Sport estremi', frequency: 'ogni tanto', language: ['Italiano', 'Dialetto pratese'], geographical_name: 'Val di Bisenzio' });
    expect(extrasOf(kept)).toEqual({
      theme_unmapped: '["Sport estremi"]', frequency_unmapped: '["ogni tanto"]',
      language_unmapped: '["Dialetto pratese"]', geographical_name_unmapped: '["Val di Bisenzio"]',
    });
    expect([kept.frequency, kept.language, kept.geographical_name]).toEqual(['UNKNOWN', 'ITA', '']);
    expect(kept.dcatapit_defaults).toEqual(['theme', 'frequency']);
  });

  it('a value of the wrong type is still an error', async () => {
    const res = await create({ frequency: ['ANNUAL'], geographical_name: { code: 'ITA_FLR' } });
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'frequency', 'geographical_name']);
  });
});

describe('multilingual values (ckanext-fluent)', () => {
  it('show the Italian, keep the others, and show the English on English pages', async () => {
    const dataset = await created({
      title: { it: 'Qualità dell\'aria', en: 'Air quality', de: 'Luftqualität' },
      notes: { en: 'Hourly measurements', it: 'Misure orarie' },
    });
    expect([dataset.title, dataset.notes]).toEqual(["Qualità dell'aria", 'Misure orarie']);
    expect(JSON.parse(extrasOf(dataset).title_translated)).toEqual({ it: "Qualità dell'aria", en: 'Air quality', de: 'Luftqualität' });
    const english = (await request(cat.app).get(`/dataset/${dataset.name}?lang=en`).expect(200)).text;
    expect(english).toMatch(/<h1 id="dataset-title">Air quality/);
    expect(english).toContain('Hourly measurements');
    const italian = (await request(cat.app).get(`/dataset/${dataset.name}`).expect(200)).text;
    expect(italian).toMatch(/<h1 id="dataset-title">Qualità dell&#x27;aria/);
  });

  it('title_translated alone gives the title', async () => {
    const dataset = await created({ title_translated: { en: 'Only English' } });
    expect(dataset.title).toBe('Only English');
  });
});

describe('tag dicts', () => {
  it("carry CKAN's id, name, display_name, state and vocabulary_id; the id is the same for the same tag", async () => {
    const a = await created({ tags: [{ name: 'aria' }] });
    const b = await created({ tag_string: 'aria' });
    expect(a.tags).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), name: 'aria', display_name: 'aria', state: 'active', vocabulary_id: null }]);
    expect(b.tags[0].id).toBe(a.tags[0].id);
  });
});
