// "Reading back what we write (a Turtle, RDF/XML and JSON-LD round trip into dataset fields) loses
// nothing": datasets made through the API, fetched as /dataset/NAME.{ttl,rdf,jsonld}, read back with
// the RDF importer; what it gives for package_create must be what package_show says, field by field.
import request from 'supertest';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { addMember, callAction, getAction, makeOrg, makeUser, TestUser } from '../support/factories';
import { binary, uploadTo } from '../api/world';
import { parseRdf, type RdfInputFormat } from '../../server/dcat/import/parse';
import { datasetsFromQuads, type ImportedDataset } from '../../server/dcat/import/datasets';
import { dcatLicence, licenceIdForUri, licenses } from '../../server/catalogue/licenses';

type Dict = Record<string, any>;

const FIRENZE = { title: 'Comune di Firenze', identifier: 'c_d612', email: 'opendata@comune.fi.it' };
const CHECKSUM = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** Every DCAT-AP_IT field filled; publisher and rights holder are not the owner organization. */
const FULL_DATASET = {
  name: 'fermate-autobus-completo',
  title: 'Fermate degli autobus',
  notes: 'Le fermate della rete urbana.\nUna riga per fermata, con le coordinate.',
  url: 'https://www.comune.fi.it/pagina/fermate-autobus',
  version: '2.1.0',
  tags: [{ name: 'autobus' }, { name: 'trasporto pubblico' }],
  identifier: 'c_d612:fermate-2024',
  alternate_identifier: [
    { identifier: 'ISTAT:FERMATE-048017', agent: { agent_name: 'Istituto Nazionale di Statistica', agent_identifier: 'istat' } },
    { identifier: 'ORT:fermate' },
  ],
  // 100212 ("social affairs") is a sub-theme of both EDUC and SOCI in the AgID mapping.
  theme: [
    { theme: 'TRAN', subthemes: ['http://eurovoc.europa.eu/100237', 'http://eurovoc.europa.eu/100241'] },
    { theme: 'EDUC', subthemes: ['http://eurovoc.europa.eu/100212'] },
  ],
  frequency: 'MONTHLY',
  publisher_name: 'Regione Toscana',
  publisher_identifier: 'r_toscan',
  holder_name: 'Città Metropolitana di Firenze',
  holder_identifier: 'cmfi',
  creator: [
    { creator_name: 'Ufficio Mobilità', creator_identifier: 'c_d612_mob' },
    { creator_name: 'Autolinee Toscane', creator_identifier: 'at_spa' },
  ],
  issued: '2020-01-15',
  modified: '2024-06-30T08:15:00',
  language: ['ITA', 'ENG'],
  temporal_start: '2019-01-01',
  temporal_end: '2023-12-31',
  geographical_name: 'ITA_FLR',
  geographical_geonames_url: 'https://www.geonames.org/3176959',
  conforms_to: [{ identifier: 'GTFS', title: 'General Transit Feed Specification', uri: 'https://gtfs.org/schedule/reference/' }],
  is_version_of: 'https://dati.toscana.it/dataset/fermate-autobus-2019',
  contact_name: 'Ufficio Open Data',
  contact_email: 'opendata.mobilita@comune.fi.it',
  resources: [{
    name: 'Fermate (JSON)',
    description: 'Le fermate in JSON, una per oggetto.',
    url: 'https://dati.comune.fi.it/fermate.json',
    format: 'JSON',
    license_id: 'CC0-1.0',
    language: ['ITA', 'ENG'],
    byte_size: 2048,
    checksum: CHECKSUM,
  }],
};

const UPLOAD = { name: 'Fermate (CSV)', description: 'Le fermate in CSV, separatore punto e virgola.', language: 'ITA' };
const CSV = Buffer.from('codice;nome;lat;lon\n1;Stazione SMN;43.776;11.248\n', 'utf8');

/** Only CKAN's core fields, and one linked CSV file: the rest the portal derives, and the feed writes. */
const CORE_DATASET = {
  name: 'fermate-autobus-essenziale',
  title: 'Fermate degli autobus (essenziale)',
  notes: 'Solo i campi di CKAN.',
  resources: [{ url: 'https://dati.comune.fi.it/fermate-essenziale.csv' }],
};

const FORMATS: [string, RdfInputFormat][] = [['ttl', 'turtle'], ['rdf', 'rdfxml'], ['jsonld', 'jsonld']];

let cat: TestCatalogue;
let editor: TestUser;
let org: { id: string; name: string };

async function create(body: Dict): Promise<Dict> {
  const res = await callAction(cat, 'package_create', { owner_org: org.name, ...body }, editor.token);
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  return res.body.result;
}

async function show(id: string): Promise<Dict> {
  const res = await getAction(cat, 'package_show', { id }, editor.token);
  expect(res.status).toBe(200);
  return res.body.result;
}

/** /dataset/NAME.ext read back with the importer: the one dataset it describes. */
async function readBack(shown: Dict, ext: string, format: RdfInputFormat, query = ''): Promise<ImportedDataset> {
  const res = await request(cat.app).get(`/dataset/${shown.name}.${ext}${query}`).buffer(true).parse(binary as never);
  expect(res.status).toBe(200);
  const datasets = datasetsFromQuads(await parseRdf((res.body as Buffer).toString('utf8'), format));
  expect(datasets.map((d) => d.uri)).toEqual([`${cat.config.siteUrl}/dataset/${shown.id}`]);
  return datasets[0];
}

// ---- comparable forms: package_show gives ckanext-dcatapit's shapes, package_create takes them all ------

/** A code list: a list, "{ITA,ENG}", "ITA" or '' (package_show) → sorted codes. RDF values have no order. */
function codes(value: unknown): string[] {
  if (Array.isArray(value)) return [...value].sort();
  const text = String(value ?? '').replace(/^\{|\}$/g, '');
  return text ? text.split(',').sort() : [];
}

/** A list of objects given as JSON text (package_show) or as a list (importer), sorted. */
function objects(value: unknown, normalise: (item: Dict) => Dict = (item) => item): Dict[] {
  const list: Dict[] = typeof value === 'string' ? JSON.parse(value || '[]') : ((value as Dict[] | undefined) ?? []);
  return list.map(normalise).map((item) => JSON.stringify(item)).sort().map((item) => JSON.parse(item));
}

const themes = (value: unknown) => objects(value, (t) => ({ theme: t.theme, subthemes: [...t.subthemes].sort() }));
// An alternate identifier without agent: null in package_show, absent in the importer's input.
const alternateIdentifiers = (value: unknown) => objects(value, (a) => (a.agent ? { identifier: a.identifier, agent: a.agent } : { identifier: a.identifier }));
const creators = (value: unknown) => objects(value, (c) => ({ creator_name: c.creator_name, creator_identifier: c.creator_identifier }));
const standards = (value: unknown) => objects(value, (s) => ({ identifier: s.identifier, title: s.title, uri: s.uri }));
const tags = (value: unknown) => ((value as Dict[] | undefined) ?? []).map((t) => t.name).sort();
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Dataset fields and how to compare them. */
const DATASET_FIELDS: Record<string, (value: unknown) => unknown> = {
  // CKAN core. Not compared: id, name (see below), owner_org, license_id (DCAT has licences on
  // distributions only: the importer takes theirs), metadata_created/modified, state, private.
  title: text, notes: text, url: text, version: text, identifier: text, tags,
  // DCAT-AP_IT (ckanext-dcatapit names); package_show gives the values the portal derives for the
  // fields left empty (theme OP_DATPRO, frequency UNKNOWN, the organization as publisher…), which the
  // feed writes and the importer must read back alike.
  alternate_identifier: alternateIdentifiers, theme: themes, frequency: text,
  publisher_name: text, publisher_identifier: text, holder_name: text, holder_identifier: text, creator: creators,
  issued: text, modified: text, language: codes, temporal_start: text, temporal_end: text,
  geographical_name: text, geographical_geonames_url: text, conforms_to: standards, is_version_of: text,
  contact_name: text, contact_email: text,
};

// byte_size and checksum are left out of the default feed (server/dcat/rdf/dataset-quads.ts,
// DcatProfile: DCAT-AP 2.1.1 and 3.0.1 type dcat:byteSize differently and 2.1.1 takes SHA-1 only);
// they are compared on the DCAT-AP 3 feed, ?profiles=euro_dcat_ap_3, which has both.
const RESOURCE_FIELDS: Record<string, (value: unknown) => unknown> = {
  name: text, description: text, url: text, format: text, license_id: text, media_type: text,
  download_url: text, access_url: text, language: codes,
};
const SIZE_FIELDS: Record<string, (value: unknown) => unknown> = { byte_size: (v) => v ?? null, checksum: text };

function compareFields(fields: Record<string, (value: unknown) => unknown>, actual: Dict, expected: Dict): Dict[] {
  return Object.entries(fields)
    .filter(([field, same]) => JSON.stringify(same(actual[field])) !== JSON.stringify(same(expected[field])))
    .map(([field, same]) => ({ field, imported: same(actual[field]), package_show: same(expected[field]) }));
}

/** The imported resource for each of package_show's, by name (the importer orders them by name and URL). */
function pairResources(imported: ImportedDataset, shown: Dict): [Dict, Dict][] {
  const resources = imported.input.resources as Dict[];
  expect(resources).toHaveLength(shown.resources.length);
  return shown.resources.map((r: Dict): [Dict, Dict] => [resources.find((i) => i.url === r.url) ?? {}, r]);
}

let full: Dict;
let core: Dict;

beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat, FIRENZE);
  editor = await makeUser(cat);
  await addMember(cat, org.name, editor.name, 'editor');
  const created = await create(FULL_DATASET);
  const upload = await uploadTo(cat, 'resource_create', { package_id: created.id, ...UPLOAD }, { content: CSV, filename: 'fermate.csv', contentType: 'text/csv' }, editor.token);
  expect({ status: upload.status, error: upload.body.error }).toEqual({ status: 200, error: undefined });
  full = await show(created.id);
  core = await show((await create(CORE_DATASET)).id);
});
afterAll(async () => cat?.close());

test('the datasets hold what they were made with (else the round trip below proves little)', () => {
  expect(full.resources).toHaveLength(2);
  expect(full.resources.find((r: Dict) => r.url_type === 'upload')).toMatchObject({ ...UPLOAD, format: 'CSV', size: CSV.length });
  for (const field of Object.keys(DATASET_FIELDS)) {
    const given = (FULL_DATASET as Dict)[field];
    expect({ field, value: DATASET_FIELDS[field](full[field]) }).toEqual({ field, value: DATASET_FIELDS[field](given) });
  }
  expect(core.dcatapit_defaults).toEqual(['theme', 'frequency']);
});

describe.each(FORMATS)('/dataset/NAME.%s read back', (ext, format) => {
  describe('every DCAT-AP_IT field filled, an upload and a link', () => {
    let imported: ImportedDataset;
    beforeAll(async () => {
      imported = await readBack(full, ext, format);
    });

    test('dataset fields equal package_show', () => {
      expect(compareFields(DATASET_FIELDS, imported.input, full)).toEqual([]);
    });

    test('resource fields equal package_show', () => {
      for (const [actual, expected] of pairResources(imported, full)) {
        expect({ resource: expected.name, differences: compareFields(RESOURCE_FIELDS, actual, expected) }).toEqual({ resource: expected.name, differences: [] });
      }
    });

    test('the feed gives the importer nothing to complain about but the choice of the dataset licence', () => {
      // DCAT has licences on distributions only: with two different ones, the importer says which it
      // takes for the dataset (the one of the first distribution by name, here the upload's: the dataset's).
      expect(imported.warnings).toEqual([
        `dataset ${imported.uri}: le risorse hanno licenze diverse (CC-BY-4.0, CC0-1.0), per il dataset uso CC-BY-4.0`,
      ]);
      expect(imported.input.license_id).toBe(full.license_id);
    });

    // The publisher is the agent the importer files the dataset under. The owner organization is not
    // in DCAT-AP_IT: with publisher and rights holder both other agents, it cannot come back. The name
    // comes back from an identifier of the form "publisher's IPA code:name" only; this one has another.
    test('the organization to file it under is the publisher', () => {
      expect(imported.organization).toEqual({ name: FULL_DATASET.publisher_name, identifier: FULL_DATASET.publisher_identifier });
    });
  });

  describe('only CKAN core fields', () => {
    let imported: ImportedDataset;
    beforeAll(async () => {
      imported = await readBack(core, ext, format);
    });

    test('dataset fields, derived ones included, equal package_show; the name comes back too', () => {
      // No url given: the importer takes dcat:landingPage, the dataset's page on this portal, as CKAN
      // harvesters do. A value gained, not one lost.
      expect(imported.input.url).toBe(`${cat.config.siteUrl}/dataset/${core.name}`);
      expect(compareFields({ ...DATASET_FIELDS, name: text }, { ...imported.input, url: '' }, core)).toEqual([]);
      expect(imported.organization).toEqual({ name: FIRENZE.title, identifier: FIRENZE.identifier });
      expect(imported.warnings).toEqual([]);
    });

    test('resource fields equal package_show, but for the title the feed has to give an untitled one', () => {
      const [[actual, expected]] = pairResources(imported, core);
      // DCAT-AP_IT requires a dct:title on every distribution: the feed writes "dataset title (format)".
      expect(actual.name).toBe(`${core.title} (CSV)`);
      expect(expected.name).toBe('');
      expect(compareFields(RESOURCE_FIELDS, { ...actual, name: '' }, expected)).toEqual([]);
    });
  });

  test('size and checksum come back from the DCAT-AP 3 feed', async () => {
    const imported = await readBack(full, ext, format, '?profiles=euro_dcat_ap_3');
    for (const [actual, expected] of pairResources(imported, full)) {
      expect({ resource: expected.name, differences: compareFields(SIZE_FIELDS, actual, expected) }).toEqual({ resource: expected.name, differences: [] });
    }
  });
});

// Cases that the two datasets above do not cover, on Turtle only: the formats read back alike.
describe('edge cases', () => {
  // records.ts builds the contact point only when there is an e-mail address (DCAT-AP_IT wants
  // vcard:hasEmail on it): without one, the feed has no dcat:contactPoint and the name package_show
  // gives is lost.
  // DCAT-AP_IT needs vcard:hasEmail on a contact point: a name that could never be published is refused.
  test('a contact name with no e-mail address anywhere is refused on contact_email', async () => {
    const silent = await makeOrg(cat, { title: 'Ente senza email', identifier: 'c_x000' });
    await addMember(cat, silent.name, editor.name, 'editor');
    const res = await callAction(cat, 'package_create', { ...CORE_DATASET, name: 'contatto-senza-email', owner_org: silent.name, contact_name: 'Ufficio Statistica' }, editor.token);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.error)).toEqual(['__type', 'contact_email']);
  });

  // The importer puts 2826 under whichever of its two themes the dataset has; package_create accepts both.
  test('a sub-theme of two themes (EuroVoc 2826, under EDUC and SOCI) comes back under the one chosen', async () => {
    const theme = [{ theme: 'SOCI', subthemes: ['http://eurovoc.europa.eu/100212'] }];
    const shown = await show((await create({ ...CORE_DATASET, name: 'sottotema-condiviso', theme })).id);
    const imported = await readBack(shown, 'ttl', 'turtle');
    expect(themes(imported.input.theme)).toEqual(themes(shown.theme));
  });
});

test('every licence id comes back from the AgID URI the feeds write for it, or the one sharing that URI', () => {
  // AgID has one entry for CC BY 4.0 and CKAN's cc-by, CC0 1.0 and cc-zero, ODbL 1.0 and odc-odbl, and
  // a single "unknown licence" for every other-… id: those come back as the first of the list.
  const sharing = (id: string) => licenses.find((l) => dcatLicence(l.id).uri === dcatLicence(id).uri)!.id;
  const unknown = dcatLicence('notspecified').uri;
  for (const { id } of licenses) {
    const expected = dcatLicence(id).uri === unknown ? 'notspecified' : sharing(id);
    expect({ id, back: licenceIdForUri(dcatLicence(id).uri) }).toEqual({ id, back: expected });
  }
});
