// DCAT-AP_IT dataset fields through CKAN's API, with ckanext-dcatapit's names: every shape clients send
// them in, what package_show returns, what the portal derives for a dataset with only CKAN's core
// fields, and what survives a package_show → package_update round trip, a patch and a move.
import { PackageEntity } from '../../server/catalogue/entities';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { writerOf } from '../../server/db/transaction';

let cat: TestCatalogue;
let editor: TestUser;
let firenze: { id: string; name: string };
let toscana: { id: string; name: string };

const FIRENZE = { title: 'Comune di Firenze', identifier: 'c_d612', email: 'opendata@comune.fi.it' };
const TOSCANA = { title: 'Regione Toscana', identifier: 'r_toscan', email: 'dati@regione.toscana.it' };

beforeAll(async () => {
  cat = await startCatalogue();
  firenze = await makeOrg(cat, FIRENZE);
  toscana = await makeOrg(cat, TOSCANA);
  editor = await makeUser(cat);
  await addMember(cat, firenze.name, editor.name, 'editor');
  await addMember(cat, toscana.name, editor.name, 'editor');
});
afterAll(async () => cat.close());

const call = (action: string, body: Record<string, unknown>) => callAction(cat, action, body, editor.token);

/** A dataset with CKAN's core fields only, plus `fields`. */
const core = (fields: Record<string, unknown> = {}) => ({
  name: unique('ds'), title: 'Fermate degli autobus', notes: 'Le fermate della rete urbana', owner_org: firenze.name, ...fields,
});

async function create(fields: Record<string, unknown> = {}): Promise<any> {
  const res = await call('package_create', core(fields));
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

async function show(id: string): Promise<any> {
  const res = await getAction(cat, 'package_show', { id }, editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

async function patch(body: Record<string, unknown>): Promise<any> {
  const res = await call('package_patch', body);
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

/** A 409 whose only field errors are `fields`, with their exact messages. */
function expectInvalid(res: { status: number; body: any }, fields: Record<string, string[]>): void {
  expect({ status: res.status, success: res.body.success, error: res.body.error }).toEqual({
    status: 409, success: false, error: { __type: 'Validation Error', ...fields },
  });
}

/** Moves the dataset's metadata_modified to a past instant, as if it had last changed then. */
async function setModifiedAt(id: string, when: string): Promise<void> {
  await writerOf(cat.services.db).getRepository(PackageEntity).update({ id }, { metadataModified: when });
}

const today = () => new Date().toISOString().slice(0, 10);
const badDate = (text: string) => `Data non valida: "${text}". Usa il formato AAAA-MM-GG (es. 2024-12-31)`;
const notAUrl = (text: string) => `Indirizzo non valido: "${text}". Deve iniziare con http:// o https://`;
const DCAT_FIELDS = [
  'identifier', 'alternate_identifier', 'theme', 'frequency', 'publisher_name', 'publisher_identifier', 'holder_name',
  'holder_identifier', 'creator', 'issued', 'modified', 'language', 'temporal_start', 'temporal_end', 'geographical_name',
  'geographical_geonames_url', 'conforms_to', 'is_version_of', 'contact_name', 'contact_email', 'dcatapit_defaults',
];
const dcatOf = (dict: any) => Object.fromEntries(DCAT_FIELDS.map((f) => [f, dict[f]]));

describe('identifier', () => {
  it('is derived as "IPA code:name" from the organization when absent', async () => {
    const ds = await create();
    expect(ds.identifier).toBe(`c_d612:${ds.name}`);
    expect((await show(ds.id)).identifier).toBe(`c_d612:${ds.name}`);
  });

  it('stays the same when the dataset is renamed with package_patch, or moved', async () => {
    const ds = await create();
    const renamed = await patch({ id: ds.id, name: unique('rinominato') });
    expect(renamed.identifier).toBe(`c_d612:${ds.name}`);
    const moved = await patch({ id: ds.id, owner_org: toscana.name });
    expect(moved.identifier).toBe(`c_d612:${ds.name}`);
    expect((await show(ds.id)).identifier).toBe(`c_d612:${ds.name}`);
  });

  it('stays the same when package_update omits it', async () => {
    const ds = await create();
    const res = await call('package_update', { id: ds.id, name: unique('nuovo-nome'), title: 'T', notes: 'N', owner_org: firenze.name });
    expect(res.status).toBe(200);
    expect(res.body.result.identifier).toBe(`c_d612:${ds.name}`);
  });

  it('keeps the one given', async () => {
    const given = `https://dati.comune.fi.it/id/${unique('fermate')}`;
    const ds = await create({ identifier: given });
    expect((await show(ds.id)).identifier).toBe(given);
    expect((await patch({ id: ds.id, title: 'Altro titolo' })).identifier).toBe(given);
  });

  it('is derived from the organization name when the organization has no IPA code', async () => {
    const ente = await makeOrg(cat, { title: 'Associazione senza codice', identifier: '' });
    await addMember(cat, ente.name, editor.name, 'editor');
    const ds = await create({ owner_org: ente.name });
    const shown = await show(ds.id);
    expect([shown.identifier, shown.publisher_name, shown.publisher_identifier]).toEqual([ds.name, 'Associazione senza codice', ente.name]);
  });

  it('refuses one taken by another dataset, on create and on update', async () => {
    const taken = `c_d612:${unique('unico')}`;
    const first = await create({ identifier: taken });
    const message = `L'identificativo ${taken} è già usato dal dataset "${first.name}"`;
    expectInvalid(await call('package_create', core({ identifier: taken })), { identifier: [message] });
    const second = await create();
    expectInvalid(await call('package_patch', { id: second.id, identifier: taken }), { identifier: [message] });
    expect((await show(second.id)).identifier).toBe(`c_d612:${second.name}`);
    // Its own identifier is not a clash.
    expect((await patch({ id: first.id, identifier: taken, title: 'Stesso identificativo' })).identifier).toBe(taken);
  });

  it('refuses spaces', async () => {
    expectInvalid(await call('package_create', core({ identifier: 'c_d612 fermate' })), {
      identifier: ["L'identificativo non può contenere spazi (forma consigliata: codiceIPA:nome)"],
    });
  });
});

describe('theme', () => {
  const AGRI = '[{"theme":"AGRI","subthemes":[]}]';
  it.each<[string, unknown, string]>([
    ['a list of codes', ['AGRI', 'ECON'], '[{"theme":"AGRI","subthemes":[]},{"theme":"ECON","subthemes":[]}]'],
    ['a list of {theme, subthemes}',
      [{ theme: 'AGRI', subthemes: ['http://eurovoc.europa.eu/100245', 'http://eurovoc.europa.eu/100253'] }, { theme: 'ECON', subthemes: [] }],
      '[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245","http://eurovoc.europa.eu/100253"]},{"theme":"ECON","subthemes":[]}]'],
    ["ckanext-dcatapit's JSON string", '[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245"]}]',
      '[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245"]}]'],
    ['one {theme, subthemes} object', { theme: 'econ', subthemes: ['http://eurovoc.europa.eu/100185'] },
      '[{"theme":"ECON","subthemes":["http://eurovoc.europa.eu/100185"]}]'],
    ['a single code', 'AGRI', AGRI],
    ['a lower-case code', 'agri', AGRI],
    ['the theme URI', 'http://publications.europa.eu/resource/authority/data-theme/AGRI', AGRI],
    ['a PostgreSQL array', '{AGRI,ECON}', '[{"theme":"AGRI","subthemes":[]},{"theme":"ECON","subthemes":[]}]'],
    ['a subtheme as a bare EuroVoc number', [{ theme: 'AGRI', subthemes: ['100245'] }], '[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245"]}]'],
  ])('accepts %s and package_show returns the JSON string', async (_shape, theme, expected) => {
    const ds = await create({ theme });
    const shown = await show(ds.id);
    expect({ theme: shown.theme, defaults: shown.dcatapit_defaults }).toEqual({ theme: expected, defaults: ['frequency'] });
    expect(ds.theme).toBe(expected);
  });

  // CKAN takes any theme: what the EU vocabulary lacks is kept as the extra theme_unmapped, outside the feed.
  it('keeps a subtheme that does not belong to its theme as theme_unmapped, and the theme', async () => {
    const ds = await create({ theme: [{ theme: 'ECON', subthemes: ['http://eurovoc.europa.eu/100245'] }] });
    expect(ds.theme).toBe('[{"theme":"ECON","subthemes":[]}]');
    expect(ds.extras).toEqual([{ key: 'theme_unmapped', value: '["ECON/http://eurovoc.europa.eu/100245"]' }]);
  });

  it('keeps an unknown theme as theme_unmapped, with a quality note, and the known ones as themes', async () => {
    const ds = await create({ theme: ['AGRI', 'SPORT'] });
    expect(ds.theme).toBe('[{"theme":"AGRI","subthemes":[]}]');
    expect(ds.extras).toEqual([{ key: 'theme_unmapped', value: '["SPORT"]' }]);
    expect(ds.dcat_quality.improvements.map((i: any) => i.message).join('\n')).toContain('Alcuni temi non sono nel vocabolario EU dei temi');
  });

  it('falls back to the placeholder when given empty', async () => {
    for (const theme of ['', '[]', []]) {
      const ds = await create({ theme });
      expect([ds.theme, ds.dcatapit_defaults]).toEqual(['[{"theme":"OP_DATPRO","subthemes":[]}]', ['theme', 'frequency']]);
    }
  });
});

describe('frequency', () => {
  it.each([
    ['ANNUAL', 'ANNUAL'], ['monthly', 'MONTHLY'], [' weekly ', 'WEEKLY'],
    ['http://publications.europa.eu/resource/authority/frequency/IRREG', 'IRREG'],
  ])('%j is stored as %j', async (frequency, expected) => {
    const shown = await show((await create({ frequency })).id);
    expect({ frequency: shown.frequency, defaults: shown.dcatapit_defaults }).toEqual({ frequency: expected, defaults: ['theme'] });
  });

  // CKAN with ckanext-dcatapit takes any frequency: one outside the EU vocabulary is kept as an extra, outside the feed.
  it('keeps an unknown code as frequency_unmapped, with a quality note, the frequency left to its placeholder', async () => {
    const ds = await create({ frequency: 'SOMETIMES' });
    const shown = await show(ds.id);
    expect({ frequency: shown.frequency, defaults: shown.dcatapit_defaults, extras: shown.extras })
      .toEqual({ frequency: 'UNKNOWN', defaults: ['theme', 'frequency'], extras: [{ key: 'frequency_unmapped', value: '["SOMETIMES"]' }] });
    expect(ds.dcat_quality.improvements.map((i: any) => i.message).join('\n')).toContain('La frequenza di aggiornamento non è nel vocabolario EU');
  });
});

describe('language', () => {
  it.each<[unknown, string]>([
    ['ITA', 'ITA'], ['ita', 'ITA'], ['{ITA,ENG}', '{ITA,ENG}'], [['ITA', 'ENG'], '{ITA,ENG}'], ['ITA,DEU', '{ITA,DEU}'],
    ['["ITA","ENG"]', '{ITA,ENG}'], ['', ''],
  ])('%j is returned as %j', async (language, expected) => {
    expect((await show((await create({ language })).id)).language).toBe(expected);
  });

  it('keeps an unknown code as language_unmapped, with a quality note, and the known ones as languages', async () => {
    const ds = await create({ language: ['ITA', 'KLINGON'] });
    const shown = await show(ds.id);
    expect({ language: shown.language, extras: shown.extras }).toEqual({ language: 'ITA', extras: [{ key: 'language_unmapped', value: '["KLINGON"]' }] });
    expect(ds.dcat_quality.improvements.map((i: any) => i.message).join('\n')).toContain('Alcune lingue non sono nel vocabolario EU delle lingue');
    const alone = await show((await create({ language: 'KLINGON' })).id);
    expect({ language: alone.language, extras: alone.extras }).toEqual({ language: '', extras: [{ key: 'language_unmapped', value: '["KLINGON"]' }] });
  });
});

describe('dates', () => {
  it('keeps valid dates and date-times as given', async () => {
    const shown = await show((await create({
      issued: '2024-02-29', modified: '2024-03-01T09:30:00+01:00', temporal_start: '2020-01-01', temporal_end: '2023-12-31',
    })).id);
    expect([shown.issued, shown.modified, shown.temporal_start, shown.temporal_end])
      .toEqual(['2024-02-29', '2024-03-01T09:30:00+01:00', '2020-01-01', '2023-12-31']);
  });

  it.each(['issued', 'modified', 'temporal_start', 'temporal_end'].flatMap((field) => [[field, '2024-02-30'], [field, '31/12/2024']]))(
    'refuses %s = %j', async (field, value) => {
      expectInvalid(await call('package_create', core({ [field]: value })), { [field]: [badDate(value)] });
    },
  );

  it('refuses a temporal coverage that ends before it starts, on temporal_end', async () => {
    expectInvalid(await call('package_create', core({ temporal_start: '2024-06-01', temporal_end: '2024-05-31' })), {
      temporal_end: ['La fine della copertura temporale precede il suo inizio'],
    });
  });

  it('accepts a coverage of one day, and an open-ended one', async () => {
    const oneDay = await show((await create({ temporal_start: '2024-06-01T08:00:00Z', temporal_end: '2024-06-01' })).id);
    expect([oneDay.temporal_start, oneDay.temporal_end]).toEqual(['2024-06-01T08:00:00Z', '2024-06-01']);
    const open = await show((await create({ temporal_start: '2024-06-01' })).id);
    expect([open.temporal_start, open.temporal_end]).toEqual(['2024-06-01', '']);
  });
});

describe('place, URLs, standards, creators, other identifiers, contact point', () => {
  it('reads geographical_name as an EU place code', async () => {
    expect((await show((await create({ geographical_name: 'ITA_FLR' })).id)).geographical_name).toBe('ITA_FLR');
    expect((await show((await create({ geographical_name: 'ita_flr' })).id)).geographical_name).toBe('ITA_FLR');
  });

  it('keeps a place outside the EU vocabulary as geographical_name_unmapped, with a quality note', async () => {
    const ds = await create({ geographical_name: 'XXX' });
    const shown = await show(ds.id);
    expect({ place: shown.geographical_name, extras: shown.extras }).toEqual({ place: '', extras: [{ key: 'geographical_name_unmapped', value: '["XXX"]' }] });
    expect(ds.dcat_quality.improvements.map((i: any) => i.message).join('\n')).toContain('Il luogo non è nel vocabolario EU dei luoghi');
  });

  it('reads geographical_name given as the EU place URI', async () => {
    const ds = await create({ geographical_name: 'http://publications.europa.eu/resource/authority/place/ITA_FLR' });
    expect((await show(ds.id)).geographical_name).toBe('ITA_FLR');
  });

  it('wants http(s) URLs in geographical_geonames_url and is_version_of', async () => {
    const shown = await show((await create({
      geographical_geonames_url: 'https://www.geonames.org/3176959', is_version_of: 'http://dati.comune.fi.it/dataset/fermate-2023',
    })).id);
    expect([shown.geographical_geonames_url, shown.is_version_of]).toEqual(['https://www.geonames.org/3176959', 'http://dati.comune.fi.it/dataset/fermate-2023']);
    expectInvalid(await call('package_create', core({ geographical_geonames_url: 'www.geonames.org/3176959', is_version_of: 'urn:uuid:1234' })), {
      geographical_geonames_url: [notAUrl('www.geonames.org/3176959')],
      is_version_of: [notAUrl('urn:uuid:1234')],
    });
  });

  it('reads conforms_to as a list, as JSON text, and as a list of URIs', async () => {
    const expected = '[{"identifier":"ISO-19115","title":"Metadati geografici","uri":"https://www.iso.org/standard/26020.html"}]';
    const asList = await create({ conforms_to: [{ identifier: 'ISO-19115', title: { it: 'Metadati geografici', en: 'Geographic information' }, uri: 'https://www.iso.org/standard/26020.html' }] });
    expect((await show(asList.id)).conforms_to).toBe(expected);
    const asJson = await create({ conforms_to: '[{"identifier":"ISO-19115","title":"Metadati geografici","uri":"https://www.iso.org/standard/26020.html"}]' });
    expect((await show(asJson.id)).conforms_to).toBe(expected);
    const asUris = await create({ conforms_to: ['https://w3id.org/italia/onto/CPV'] });
    expect((await show(asUris.id)).conforms_to).toBe('[{"identifier":"https://w3id.org/italia/onto/CPV","title":"","uri":"https://w3id.org/italia/onto/CPV"}]');
    // CKAN and ckanext-dcatapit take any uri: one that is no web address is kept in conforms_to_unmapped.
    const odd = await create({ conforms_to: [{ identifier: 'STD', uri: 'ftp://example.org/std' }] });
    expect(odd.conforms_to).toBe('[{"identifier":"STD","title":"","uri":""}]');
    expect(odd.extras).toEqual([{ key: 'conforms_to_unmapped', value: '["STD ftp://example.org/std"]' }]);
  });

  it('reads creator as a list and as JSON text, and refuses plain text', async () => {
    const expected = '[{"creator_name":"Ufficio Statistica","creator_identifier":"c_d612_stat"}]';
    expect((await show((await create({ creator: [{ creator_name: 'Ufficio Statistica', creator_identifier: 'c_d612_stat' }] })).id)).creator).toBe(expected);
    expect((await show((await create({ creator: expected })).id)).creator).toBe(expected);
    expectInvalid(await call('package_create', core({ creator: 'Mario Rossi' })), { creator: ['Formato non valido: atteso un elenco di oggetti JSON'] });
  });

  it('reads alternate_identifier as a list of codes, of objects, and as JSON text', async () => {
    expect((await show((await create({ alternate_identifier: ['ISTAT:123'] })).id)).alternate_identifier).toBe('[{"identifier":"ISTAT:123","agent":null}]');
    const withAgent = '[{"identifier":"ISTAT:123","agent":{"agent_name":"ISTAT","agent_identifier":"istat"}}]';
    const asList = await create({ alternate_identifier: [{ identifier: 'ISTAT:123', agent: { agent_name: 'ISTAT', agent_identifier: 'istat' } }] });
    expect((await show(asList.id)).alternate_identifier).toBe(withAgent);
    expect((await show((await create({ alternate_identifier: withAgent })).id)).alternate_identifier).toBe(withAgent);
  });

  it('checks contact_email, and drops a mailto: prefix', async () => {
    expectInvalid(await call('package_create', core({ contact_email: 'non-una-email' })), { contact_email: ['Indirizzo email non valido'] });
    const shown = await show((await create({ contact_name: 'Ufficio open data', contact_email: 'mailto:open@comune.fi.it' })).id);
    expect([shown.contact_name, shown.contact_email]).toEqual(['Ufficio open data', 'open@comune.fi.it']);
  });

  it('wants both name and IPA code of a given publisher', async () => {
    expectInvalid(await call('package_create', core({ publisher_name: 'Agenzia della mobilità' })), {
      publisher_identifier: ["Indica nome e codice IPA dell'editore, oppure lascia vuoti entrambi (si usa l'organizzazione)"],
    });
  });

  it('reports every bad field at once', async () => {
    const res = await call('package_create', core({ theme: 'SPORT', frequency: 'SOMETIMES', issued: '2024-02-30', contact_email: 'x' }));
    expect(res.status).toBe(409);
    // The unknown theme and frequency are no errors: they are kept as extras (CKAN takes them).
    expect(Object.keys(res.body.error).sort()).toEqual(['__type', 'contact_email', 'issued']);
  });
});

describe('a dataset with only CKAN core fields', () => {
  let ds: any;
  beforeAll(async () => {
    ds = await create({ resources: [{ url: 'https://example.org/fermate.csv' }] });
  });

  it('gets a complete DCAT-AP_IT record, derived from the organization and its own dates', async () => {
    const shown = await show(ds.id);
    expect(dcatOf(shown)).toEqual({
      identifier: `c_d612:${ds.name}`,
      alternate_identifier: '[]',
      theme: '[{"theme":"OP_DATPRO","subthemes":[]}]',
      frequency: 'UNKNOWN',
      publisher_name: 'Comune di Firenze',
      publisher_identifier: 'c_d612',
      holder_name: 'Comune di Firenze',
      holder_identifier: 'c_d612',
      creator: '[]',
      issued: shown.metadata_created.slice(0, 10),
      modified: shown.metadata_modified.slice(0, 10),
      language: '',
      temporal_start: '',
      temporal_end: '',
      geographical_name: '',
      geographical_geonames_url: '',
      conforms_to: '[]',
      is_version_of: '',
      contact_name: 'Comune di Firenze',
      contact_email: 'opendata@comune.fi.it',
      dcatapit_defaults: ['theme', 'frequency'],
    });
    expect(shown.issued).toBe(today());
  });

  it('has a modified date that follows later changes', async () => {
    await setModifiedAt(ds.id, '2020-05-06T07:08:09.000000');
    expect((await show(ds.id)).modified).toBe('2020-05-06');
    const patched = await patch({ id: ds.id, title: 'Fermate degli autobus urbani' });
    expect(patched.modified).toBe(patched.metadata_modified.slice(0, 10));
    expect(patched.modified).toBe(today());
    expect(patched.issued).toBe(ds.metadata_created.slice(0, 10));
  });

  it('takes its contact point from the maintainer, then the author, then the organization', async () => {
    const both = await create({ maintainer: 'Anna Bianchi', maintainer_email: 'anna@comune.fi.it', author: 'Luca Verdi', author_email: 'luca@comune.fi.it' });
    expect([both.contact_name, both.contact_email]).toEqual(['Anna Bianchi', 'anna@comune.fi.it']);
    const author = await create({ author: 'Luca Verdi', author_email: 'luca@comune.fi.it' });
    expect([author.contact_name, author.contact_email]).toEqual(['Luca Verdi', 'luca@comune.fi.it']);
    const patched = await patch({ id: ds.id, maintainer_email: 'fermate@comune.fi.it' });
    expect([patched.contact_name, patched.contact_email]).toEqual(['Comune di Firenze', 'fermate@comune.fi.it']);
    const cleared = await patch({ id: ds.id, maintainer_email: '' });
    expect([cleared.contact_name, cleared.contact_email]).toEqual(['Comune di Firenze', 'opendata@comune.fi.it']);
  });
});

describe('package_show → package_update round trip', () => {
  it('keeps the placeholders as placeholders and does not freeze derived values', async () => {
    const ds = await create({ resources: [{ url: 'https://example.org/fermate.csv' }] });
    await setModifiedAt(ds.id, '2020-05-06T07:08:09.000000');
    const before = await show(ds.id);
    expect(before.modified).toBe('2020-05-06');

    const res = await call('package_update', before);
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
    const after = await show(ds.id);
    expect({ theme: after.theme, frequency: after.frequency, defaults: after.dcatapit_defaults }).toEqual({
      theme: '[{"theme":"OP_DATPRO","subthemes":[]}]', frequency: 'UNKNOWN', defaults: ['theme', 'frequency'],
    });
    expect(after.modified).toBe(after.metadata_modified.slice(0, 10));
    expect(after.modified).toBe(today());

    // Later changes still move `modified`, the contact point and the publisher.
    await setModifiedAt(ds.id, '2021-03-04T05:06:07.000000');
    expect((await show(ds.id)).modified).toBe('2021-03-04');
    const patched = await patch({ id: ds.id, maintainer_email: 'fermate@comune.fi.it' });
    expect([patched.modified, patched.contact_email]).toEqual([today(), 'fermate@comune.fi.it']);
    const moved = await patch({ id: ds.id, owner_org: toscana.name });
    expect([moved.publisher_name, moved.publisher_identifier, moved.holder_name, moved.holder_identifier])
      .toEqual(['Regione Toscana', 'r_toscan', 'Regione Toscana', 'r_toscan']);
    expect(moved.resources.map((r: any) => [r.url, r.format])).toEqual([['https://example.org/fermate.csv', 'CSV']]);
  });

  it('keeps chosen values as they are, and dcatapit_defaults empty', async () => {
    const ds = await create({
      theme: [{ theme: 'TRAN', subthemes: [] }], frequency: 'ANNUAL', language: ['ITA', 'ENG'], geographical_name: 'ITA_FLR',
      creator: [{ creator_name: 'Ufficio Mobilità', creator_identifier: 'c_d612_mob' }], temporal_start: '2023-01-01',
    });
    const before = await show(ds.id);
    expect(before.dcatapit_defaults).toEqual([]);
    expect((await call('package_update', before)).status).toBe(200);
    const after = await show(ds.id);
    expect(dcatOf(after)).toEqual({ ...dcatOf(before), modified: after.metadata_modified.slice(0, 10) });
  });

  it('keeps a chosen theme even when it is the placeholder code, once it is no longer flagged as a default', async () => {
    const ds = await create({ theme: 'OP_DATPRO', frequency: 'UNKNOWN' });
    expect(ds.dcatapit_defaults).toEqual([]);
    expect((await call('package_update', await show(ds.id))).status).toBe(200);
    expect((await show(ds.id)).dcatapit_defaults).toEqual([]);
  });
});

describe('package_patch', () => {
  it('changes one field and keeps every other DCAT-AP_IT field', async () => {
    const ds = await create({
      identifier: `c_d612:${unique('completo')}`,
      theme: '[{"theme":"AGRI","subthemes":["http://eurovoc.europa.eu/100245"]}]', frequency: 'ANNUAL', language: '{ITA,ENG}',
      alternate_identifier: ['ISTAT:42'], creator: [{ creator_name: 'Ufficio Agricoltura', creator_identifier: 'c_d612_agr' }],
      issued: '2019-01-01', modified: '2024-01-01', temporal_start: '2019-01-01', temporal_end: '2023-12-31',
      geographical_name: 'ITA_FLR', geographical_geonames_url: 'https://www.geonames.org/3176959',
      conforms_to: [{ identifier: 'ISO-19115', title: 'Metadati', uri: 'https://www.iso.org/standard/26020.html' }],
      is_version_of: 'https://dati.comune.fi.it/dataset/agricoltura-2018', contact_name: 'Ufficio open data', contact_email: 'open@comune.fi.it',
      publisher_name: 'Agenzia agricola', publisher_identifier: 'ag_agr', holder_name: 'Consorzio', holder_identifier: 'cons_1',
    });
    const before = dcatOf(await show(ds.id));
    const patched = await patch({ id: ds.id, title: 'Aziende agricole' });
    expect(patched.title).toBe('Aziende agricole');
    expect(dcatOf(patched)).toEqual(before);
    const frequency = await patch({ id: ds.id, frequency: 'MONTHLY' });
    expect(dcatOf(frequency)).toEqual({ ...before, frequency: 'MONTHLY' });
  });

  it('keeps a given modified date when another field changes later', async () => {
    const ds = await create({ modified: '2020-05-06' });
    // The dataset's metadata last changed the same day the editor gave as modified.
    await setModifiedAt(ds.id, '2020-05-06T07:08:09.000000');
    expect((await show(ds.id)).modified).toBe('2020-05-06');
    const patched = await patch({ id: ds.id, title: 'Solo il titolo' });
    expect(patched.modified).toBe('2020-05-06');
  });
});

describe('moving a dataset to another organization', () => {
  it('moves a derived publisher and holder to the new organization', async () => {
    const ds = await create();
    expect([ds.publisher_name, ds.publisher_identifier]).toEqual(['Comune di Firenze', 'c_d612']);
    const moved = await patch({ id: ds.id, owner_org: toscana.name });
    expect([moved.publisher_name, moved.publisher_identifier, moved.holder_name, moved.holder_identifier, moved.contact_email])
      .toEqual(['Regione Toscana', 'r_toscan', 'Regione Toscana', 'r_toscan', 'dati@regione.toscana.it']);
  });

  it('keeps a publisher given explicitly', async () => {
    const ds = await create({ publisher_name: 'Agenzia della mobilità', publisher_identifier: 'ag_mob' });
    const moved = await patch({ id: ds.id, owner_org: toscana.name });
    expect([moved.publisher_name, moved.publisher_identifier, moved.holder_name, moved.holder_identifier])
      .toEqual(['Agenzia della mobilità', 'ag_mob', 'Regione Toscana', 'r_toscan']);
    expect(moved.organization.name).toBe(toscana.name);
  });
});

describe('an empty description (CKAN accepts it)', () => {
  it('is accepted in a public dataset, with a quality note; the feed uses the title', async () => {
    for (const notes of ['', '   ', undefined]) {
      const { notes: _n, ...withoutNotes } = core();
      const res = await call('package_create', notes === undefined ? withoutNotes : core({ notes }));
      expect(res.status).toBe(200);
      expect(res.body.result.dcat_quality.improvements.map((i: any) => i.field)).toContain('notes');
    }
  });
});

describe('oversized lists and values: a 409 at once, naming the limit', () => {
  /** The response to `fields`, and how long the portal took to give it. */
  async function timed(fields: Record<string, unknown>): Promise<{ res: { status: number; body: any }; ms: number }> {
    const started = Date.now();
    const res = await call('package_create', core(fields));
    return { res, ms: Date.now() - started };
  }

  it('refuses one theme with 10,000 subthemes in well under a second', async () => {
    const subthemes = Array.from({ length: 10_000 }, (_, i) => `http://eurovoc.europa.eu/${900000 + i}`);
    const { res } = await timed({ theme: { theme: 'ECON', subthemes } });
    expectInvalid(res, { theme: ['Troppi sottotemi per il tema ECON: al massimo 50'] });
  });

  it('refuses a 100,000-character language string in well under a second', async () => {
    const { res } = await timed({ language: Array.from({ length: 20_000 }, (_, i) => `L${i}`).join(',').slice(0, 100_000).padEnd(100_000, 'X') });
    expectInvalid(res, { language: ['Troppo lungo: al massimo 2000 caratteri'] });
  });

  it('refuses more than 30 languages before checking any of them', async () => {
    const codes = Array.from({ length: 400 }, (_, i) => `Z${i}`).join(',');
    const { res } = await timed({ language: codes });
    expectInvalid(res, { language: ['Troppe lingue: al massimo 30'] });
  });

  it('reports at most five bad values of a field, then counts the others', async () => {
    const codes = Array.from({ length: 25 }, (_, i) => `Z${i}`).join(',');
    // A distribution's languages are still refused outside the vocabulary (a dataset's are kept as language_unmapped).
    const { res } = await timed({ resources: [{ url: 'https://example.org/a.csv', language: codes }] });
    expect(res.status).toBe(409);
    const messages: string[] = res.body.error['resources.0.language'];
    expect(messages).toHaveLength(6);
    expect(messages[0]).toMatch(/^"Z0" non è un codice del vocabolario delle lingue EU/);
    expect(messages[5]).toBe('… e altri 20 valori non validi');
  });

  it('refuses more than 20 themes, 50 creators, 50 other identifiers, 50 standards (also as JSON text)', async () => {
    // Checked before the codes are: 21 values are too many, known or not.
    const themes = Array.from({ length: 21 }, (_, i) => `TEMA${i}`);
    expectInvalid((await timed({ theme: themes.join(',') })).res, { theme: ['Troppi temi: al massimo 20'] });
    expectInvalid((await timed({ theme: themes.map((theme) => ({ theme })) })).res, { theme: ['Troppi temi: al massimo 20'] });
    const creators = JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ creator_name: `Ufficio ${i}` })));
    expectInvalid((await timed({ creator: creators })).res, { creator: ['Troppi autori: al massimo 50'] });
    const identifiers = JSON.stringify(Array.from({ length: 51 }, (_, i) => `ISTAT:${i}`));
    expectInvalid((await timed({ alternate_identifier: identifiers })).res, { alternate_identifier: ['Troppi identificativi alternativi: al massimo 50'] });
    const standards = JSON.stringify(Array.from({ length: 51 }, (_, i) => ({ identifier: `STD-${i}` })));
    expectInvalid((await timed({ conforms_to: standards })).res, { conforms_to: ['Troppi standard: al massimo 50'] });
  });

  it('bounds the texts inside the items of the composite fields', async () => {
    const long = 'x'.repeat(301);
    expectInvalid((await timed({ creator: [{ creator_name: long }] })).res, { 'creator.0.creator_name': ['Troppo lungo: al massimo 300 caratteri'] });
    expectInvalid((await timed({ language: ['I'.repeat(201)] })).res, { 'language.0': ['Troppo lungo: al massimo 200 caratteri'] });
    expectInvalid((await timed({ theme: { theme: 'ECON', subthemes: ['1'.repeat(301)] } })).res, { 'theme.subthemes.0': ['Troppo lungo: al massimo 300 caratteri'] });
    expectInvalid((await timed({ alternate_identifier: [{ identifier: 'A', agent: { agent_name: long } }] })).res, {
      'alternate_identifier.0.agent.agent_name': ['Troppo lungo: al massimo 300 caratteri'],
    });
  });
});
