// The RDF importer on the DCAT-AP_IT examples: every example imports, and the values read in the
// files come out in catalogo's package_create fields.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { guessRdfFormat, parseRdf } from '../../server/dcat/import/parse';
import { datasetsFromQuads, type ImportedDataset } from '../../server/dcat/import/datasets';

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'dcat-examples');
const FILES = [
  'firenze-dcatapit-example.ttl',
  'ckanext-dcatapit_dataset.rdf',
  'ckanext-dcatapit_dataset_identifier.rdf',
  'ckanext-dcatapit_dataset_it_esempio_6.rdf',
  'ckanext-dcatapit_catalog_dati_unibo.rdf',
];

const read = (file: string): string => readFileSync(path.join(EXAMPLES, file), 'utf8');

async function quadsOf(file: string): Promise<Quad[]> {
  const format = guessRdfFormat('application/octet-stream', file);
  if (!format) throw new Error(`formato di ${file}?`);
  return parseRdf(read(file), format);
}

async function importFile(file: string): Promise<ImportedDataset[]> {
  return datasetsFromQuads(await quadsOf(file));
}

function only(datasets: ImportedDataset[], uri?: string): ImportedDataset {
  const found = uri ? datasets.filter((d) => d.uri === uri) : datasets;
  expect(found).toHaveLength(1);
  return found[0];
}

type Resource = Record<string, unknown>;
const resourcesOf = (d: ImportedDataset): Resource[] => d.input.resources as Resource[];

function toNTriples(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'N-Triples' });
    writer.addQuads(quads);
    writer.end((err, text) => (err ? reject(err) : resolve(text)));
  });
}

test.each(FILES)('%s imports: every dataset has a name, a title and a licence', async (file) => {
  const datasets = await importFile(file);
  expect(datasets.length).toBeGreaterThan(0);
  for (const d of datasets) {
    expect(d.input.name).toMatch(/^[a-z0-9_-]{2,100}$/);
    expect(typeof d.input.title).toBe('string');
    expect(typeof d.input.license_id).toBe('string');
    expect(Array.isArray(d.input.resources)).toBe(true);
    for (const tag of (d.input.tags ?? []) as { name: string }[]) expect(tag.name).toMatch(/^[\p{L}\p{N} _.-]{2,100}$/u);
    for (const w of d.warnings) expect(w.startsWith(`dataset ${d.uri}: `)).toBe(true);
  }
});

test('Firenze example (Turtle, conforming): every field, no warning', async () => {
  const d = only(await importFile('firenze-dcatapit-example.ttl'));
  expect(d.uri).toBe('https://opendata.example.it/c_d612/dataset/popolazione-residente');
  expect(d.warnings).toEqual([]);
  expect(d.organization).toEqual({ name: 'Comune di Firenze', identifier: 'c_d612' });
  expect(d.input).toEqual({
    name: 'popolazione-residente', // "c_d612:popolazione-residente" without the publisher's IPA code
    identifier: 'c_d612:popolazione-residente',
    title: 'Popolazione residente per quartiere',
    notes: 'Numero di residenti per quartiere al 31 dicembre di ogni anno.',
    tags: [{ name: 'anagrafe' }, { name: 'popolazione' }],
    theme: [{ theme: 'SOCI', subthemes: ['http://eurovoc.europa.eu/100210'] }],
    frequency: 'ANNUAL',
    publisher_name: 'Comune di Firenze',
    publisher_identifier: 'c_d612',
    holder_name: 'Comune di Firenze',
    holder_identifier: 'c_d612',
    issued: '2020-03-01',
    modified: '2025-01-10',
    language: ['ITA'],
    temporal_start: '2015-01-01',
    geographical_name: 'ITA_FLR',
    contact_name: 'Ufficio Statistica - Comune di Firenze',
    contact_email: 'statistica@example.it',
    license_id: 'CC-BY-4.0',
    resources: [{
      name: 'Popolazione residente (CSV)',
      description: 'File CSV, separatore punto e virgola, codifica UTF-8.',
      url: 'https://opendata.example.it/files/c_d612/popolazione-residente.csv',
      format: 'CSV',
      license_id: 'CC-BY-4.0', // itlic:A21_CCBY40
      media_type: 'text/csv',
      download_url: 'https://opendata.example.it/files/c_d612/popolazione-residente.csv',
      access_url: 'https://opendata.example.it/c_d612/dataset/popolazione-residente',
    }],
  });
});

test('Firenze example as N-Triples and as JSON-LD imports exactly as from Turtle', async () => {
  const quads = await quadsOf('firenze-dcatapit-example.ttl');
  const fromTurtle = datasetsFromQuads(quads);
  const ntriples = await toNTriples(quads);
  const fromNTriples = datasetsFromQuads(await parseRdf(ntriples, 'ntriples'));
  // jsonld ships no types; fromRDF is all the test needs.
  const jsonld = require('jsonld') as { fromRDF(nquads: string, options: { format: string }): Promise<unknown> };
  const document = await jsonld.fromRDF(ntriples, { format: 'application/n-quads' });
  const fromJsonLd = datasetsFromQuads(await parseRdf(JSON.stringify(document), 'jsonld'));
  expect(fromNTriples).toEqual(fromTurtle);
  expect(fromJsonLd).toEqual(fromTurtle);
  expect(fromJsonLd[0].input.title).toBe('Popolazione residente per quartiere');
});

test('ckanext-dcatapit dataset.rdf: multilingual literals, nested agents, schema.org period, geonames', async () => {
  const d = only(await importFile('ckanext-dcatapit_dataset.rdf'));
  const input = d.input;
  expect(d.uri).toBe('http://dcatapit.geo-solutions.it/dataset/d95f1717-0ab4-4075-bd7d-809cb516245d');
  expect(input.title).toBe('Dataset di test DCAT_AP-IT'); // the @it one, not "DCAT_AP-IT test dataset"@en
  expect(input.notes).toBe('dcatapit dataset di test');
  expect(input.identifier).toBe('ISBN');
  expect(input.name).toBe('isbn');
  expect(input.url).toBe('http://dcatapit.geo-solutions.it/dataset/dcatapit-test-dataset');
  expect(input.tags).toEqual([{ name: 'Bolzano' }, { name: 'Finanziamenti' }, { name: 'ambiente' }, { name: 'economia' }]);
  expect(input.theme).toEqual([{ theme: 'ECON', subthemes: [] }, { theme: 'ENVI', subthemes: [] }]);
  expect(input.frequency).toBe('UPDATE_CONT');
  expect([input.publisher_name, input.publisher_identifier]).toEqual(['bolzano it it', '234234234']);
  expect([input.holder_name, input.holder_identifier]).toEqual(['bolzano', '234234234']);
  expect(input.creator).toEqual([{ creator_name: 'test', creator_identifier: '412946129' }]);
  expect(input.alternate_identifier).toEqual([
    { identifier: 'ISBN:123' },
    { identifier: 'STR ID' },
    { identifier: 'TEST', agent: { agent_name: 'Agent it 01', agent_identifier: 'agent01' } },
  ]);
  expect([input.issued, input.modified]).toEqual(['2016-11-29T00:00:00', '2016-11-29T00:00:00']);
  expect(input.language).toEqual(['DEU', 'ENG', 'ITA']);
  expect([input.temporal_start, input.temporal_end]).toEqual(['2016-11-01T00:00:00', '2016-11-30T00:00:00']);
  expect(input.geographical_name).toBe('ITA_BZO');
  expect(input.geographical_geonames_url).toBe('http://www.geonames.org/3181913');
  expect(input.conforms_to).toEqual(['CONF1', 'CONF2', 'CONF3'].map((identifier) => ({ identifier, title: '', uri: '' })));
  expect(input.is_version_of).toBe('http://dcat.geo-solutions.it/dataset/energia-da-fonti-rinnovabili2');
  expect([input.contact_name, input.contact_email]).toEqual(['dcatapit-organization', 'geosolutions@geo-solutions.it']);
  expect(input.license_id).toBe('cc-zero');
  expect(d.organization).toEqual({ name: 'bolzano it it', identifier: '234234234' });
  // rdf:resource="geosolutions@geo-solutions.it": a relative IRI the parser would refuse without a base.
  expect(d.warnings).toEqual([`dataset ${d.uri}: vcard:hasEmail senza "mailto:": geosolutions@geo-solutions.it`]);

  const resources = resourcesOf(d);
  expect(resources.map((r) => [r.name, r.format, r.url, r.license_id])).toEqual([
    ['DCAT_AP-IT risorsa di test', 'RDF',
      'http://dcatapit.geo-solutions.it/dataset/d95f1717-0ab4-4075-bd7d-809cb516245d/resource/a6a9ec1c-91fa-4719-aa81-7a849ad30ba3/download/catalog-6.rdf', 'cc-zero'],
    ['Live catalog (JSON)', 'JSON_LD', 'http://dcatapit.geo-solutions.it/catalog.jsonld', 'cc-zero'],
    ['Live catalog (RDF/XML)', 'RDF', 'http://dcatapit.geo-solutions.it/catalog.rdf', 'cc-zero'],
  ]);
  expect(resources[0].byte_size).toBe(12323); // "12323.0"^^xsd:decimal
  expect(resources[0].description).toBe('dcatapit risorsa di test');
  expect(resources[0].download_url).toBeUndefined();
  expect(resources[0].access_url).toBe(resources[0].url);
  expect(resources[1].description).toBeUndefined(); // only an empty @it description
});

test('ckanext-dcatapit dataset_identifier.rdf (Comune di Prato): placeholders and undescribed nodes are warnings', async () => {
  const d = only(await importFile('ckanext-dcatapit_dataset_identifier.rdf'));
  const input = d.input;
  expect(input.title).toBe('Bilancio 2011 - previsione');
  expect(input.notes).toBe('Il bilancio 2011 del Comune di Prato - previsione');
  expect(input.identifier).toBe('bilancio-2011-previsione');
  expect(input.name).toBe('bilancio-2011-previsione');
  expect(input.url).toBe('http://odn.comune.prato.it/dataset/bilancio-2011-previsione');
  expect(input.theme).toEqual([{ theme: 'GOVE', subthemes: [] }]);
  expect(input.frequency).toBe('NEVER');
  expect([input.publisher_name, input.publisher_identifier, input.holder_name, input.holder_identifier])
    .toEqual(['Comune di Prato', 'c_g999', 'Comune di Prato', 'c_g999']);
  expect(d.organization).toEqual({ name: 'Comune di Prato', identifier: 'c_g999' });
  expect([input.issued, input.modified]).toEqual(['2015-04-09T00:00:00', '2017-08-21T00:00:00']);
  expect(input.language).toEqual(['ITA']);
  // " N/A" is a placeholder, not an identifier.
  expect(input.alternate_identifier).toEqual([{ identifier: 'ISBN:alt id 123' }, { identifier: 'alt id STR ID' }]);
  // The creator has an empty name and identifier: no creator.
  expect(input.creator).toBeUndefined();
  // Its three distributions and its contact point are only referenced, not described.
  expect(input.resources).toEqual([]);
  expect(input.license_id).toBe('notspecified');
  expect(input.contact_email).toBeUndefined();
  const w = d.warnings.map((m) => m.slice(`dataset ${d.uri}: `.length));
  expect(w).toContain('adms:identifier vuoto o segnaposto ("N/A"), scartato');
  expect(w).toContain('dct:creator senza foaf:name né dct:identifier');
  expect(w).toContain('dcat:contactPoint http://odn.comune.prato.it/organization/5939f57e-b4e6-4fd9-b439-da5b10360d28 non descritto nel documento');
  expect(w.filter((m) => m.startsWith('dcat:distribution ') && m.endsWith('non descritta nel documento, ignorata'))).toHaveLength(3);
});

test('DCAT-AP_IT example 6 (mistyped dcatapit namespace): DCAT and DCT parts read, dcatapit repaired, warned', async () => {
  const datasets = await importFile('ckanext-dcatapit_dataset_it_esempio_6.rdf');
  expect(datasets.map((d) => d.input.name)).toEqual(['r_liguri-d-658', 'r_liguri-d-659']);

  const coast = only(datasets, 'http://dati.gov.it/resource/Dataset/LineaCosta_r_liguri:D.658');
  expect(coast.input.title).toBe('Evoluzione della linea di costa dal 1944 al 2003');
  expect(coast.input.identifier).toBe('r_liguri:D.658');
  expect(coast.input.tags).toEqual([{ name: 'ACQUE MARINE' }, { name: 'CARTE TEMATICHE' }]);
  // 100243 is an ENVI sub-theme; 1870 and 3146 are EuroVoc terms outside the AgID mapping: left out, warned.
  expect(coast.input.theme).toEqual([{ theme: 'ENVI', subthemes: ['http://eurovoc.europa.eu/100243'] }]);
  expect(coast.warnings.filter((w) => /sottotema http:\/\/eurovoc\.europa\.eu\/(1870|3146) ignorato/.test(w))).toHaveLength(2);
  expect(coast.input.frequency).toBe('ANNUAL');
  expect([coast.input.issued, coast.input.modified]).toEqual(['2008-06-01', '2003-01-01']);
  expect([coast.input.publisher_name, coast.input.publisher_identifier]).toEqual(['Regione Liguria', 'r_liguri']);
  expect(coast.input.creator).toEqual([{ creator_name: 'Regione Liguria', creator_identifier: 'r_liguri' }]);
  expect(coast.organization).toEqual({ name: 'Regione Liguria', identifier: 'r_liguri' });
  expect([coast.input.contact_name, coast.input.contact_email]).toEqual(['Regione Liguria - Sportello Cartografico', 'infoter@regione.liguria.it']);
  // dcat:landindPage (sic) is still the landing page.
  expect(coast.input.url).toBe('http://www.regione.liguria.it/opendata/dati-cartografici/item/36001-linea-di-costa.html');
  expect(resourcesOf(coast)).toEqual([{
    name: 'Distribuzione Linea Costa TIFF',
    description: 'Questa è la distribuzione del dataset Linea Costa disponibile in formato TIFF',
    url: 'http://cartodownloadpubb.regione.liguria.it/webpubb/RichiestaDownload.aspx?CodiceCatalogo=658',
    format: 'TIFF',
    license_id: 'cc-by', // http://creativecommons.org/licenses/by/3.0/it/
    download_url: 'http://cartodownloadpubb.regione.liguria.it/webpubb/RichiestaDownload.aspx?CodiceCatalogo=658',
    // "&amp;amp;" in the file: one "&amp;" too many, repaired.
    access_url: 'http://geoservizi.regione.liguria.it/geoserver/M658/wms?version=1.3.0&request=getcapabilities',
  }]);
  const coastWarnings = coast.warnings.map((m) => m.slice(`dataset ${coast.uri}: `.length));
  expect(coastWarnings).toContain('namespace errato "http://dati.gov.it/onto/dcatapit#"" letto come http://dati.gov.it/onto/dcatapit#');
  expect(coastWarnings).toContain('dcat:landingPage scritto male (dcat:landindPage), letto comunque');
  expect(coastWarnings.some((m) => m.includes('solo geometria'))).toBe(true);

  const doctors = only(datasets, 'http://dati.gov.it/resource/Dataset/StudiMediciGenericiPediatri_r_liguri:D.658');
  expect(doctors.input.title).toBe('Studi Medici generici e pediatri sc. 1:5000');
  expect(doctors.input.identifier).toBe('r_liguri:D.659');
  // 2789 is outside the AgID mapping for HEAL: left out (with a warning), so package_create accepts the dataset.
  expect(doctors.input.theme).toEqual([{ theme: 'HEAL', subthemes: [] }]);
  expect(doctors.input.frequency).toBe('IRREG');
  expect(doctors.input.issued).toBeUndefined();
  // The period is in dcatapit:startDate / dcatapit:endDate, under the mistyped namespace.
  expect([doctors.input.temporal_start, doctors.input.temporal_end]).toEqual(['2005-01-01', '2005-12-31']);
  expect(resourcesOf(doctors).map((r) => [r.format, r.url, r.license_id])).toEqual([
    ['TIFF', 'http://cartodownloadpubb.regione.liguria.it/webpubb/RichiestaDownload.aspx?CodiceCatalogo=453', 'cc-by'],
  ]);
  expect(doctors.warnings.some((m) => m.includes('namespace errato'))).toBe(true);
});

test('dati.unibo.it catalogue (real ckanext-dcatapit export): one import per dcat:Dataset', async () => {
  const quads = await quadsOf('ckanext-dcatapit_catalog_dati_unibo.rdf');
  expect(quads.length).toBeGreaterThan(900);
  const datasetSubjects = new Set(quads
    .filter((q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' && q.object.value === 'http://www.w3.org/ns/dcat#Dataset')
    .map((q) => q.subject.value));
  const datasets = datasetsFromQuads(quads);
  expect(datasetSubjects.size).toBe(12); // hydra:totalItems 12
  expect(datasets).toHaveLength(datasetSubjects.size);
  expect(new Set(datasets.map((d) => d.uri))).toEqual(datasetSubjects);
  expect(new Set(datasets.map((d) => d.input.name)).size).toBe(12);

  for (const d of datasets) {
    // The publisher is described once, inside the catalogue; every dataset points to it.
    expect(d.organization).toEqual({ name: 'Alma Mater Studiorum - Università di Bologna', identifier: 'uni_bo' });
    expect(d.input.publisher_identifier).toBe('uni_bo');
    expect(d.input.license_id).toBe('cc-by'); // https://creativecommons.org/licenses/by/3.0/it/
  }

  const degrees = only(datasets, 'https://dati.unibo.it/dataset/8cbba6bd-1686-4828-b223-6f4dab477434');
  expect(degrees.input.title).toBe('Corsi di studio');
  expect(degrees.input.name).toBe('8cbba6bd-1686-4828-b223-6f4dab477434');
  expect(degrees.input.theme).toEqual([{ theme: 'EDUC', subthemes: [] }, { theme: 'INTR', subthemes: [] }]);
  // dct:accrualPeriodicity ANNUAL wins over the non-standard dct:frequency DAILY next to it.
  expect(degrees.input.frequency).toBe('ANNUAL');
  expect([degrees.input.holder_name, degrees.input.holder_identifier]).toEqual(['AFORM - Area della Didattica', 'uni_bo/CLE/AFORM']);
  expect(degrees.input.creator).toEqual([{ creator_name: 'CESIA - Area Sistemi e Servizi Informatici', creator_identifier: 'uni_bo/CLE/CESIA' }]);
  expect(degrees.input.issued).toBe('2016-12-05T09:48:09.557557');
  expect(degrees.input.version).toBe('1.0.0');
  expect([degrees.input.contact_name, degrees.input.contact_email]).toEqual(['opendata@unibo.it', 'opendata@unibo.it']);
  const resources = resourcesOf(degrees);
  expect(resources).toHaveLength(15);
  expect(resources[0]).toMatchObject({
    name: 'Corsi di studio 2004/2005',
    format: 'CSV',
    url: 'https://dati.unibo.it/dataset/8cbba6bd-1686-4828-b223-6f4dab477434/resource/9ad27723-846b-4ceb-91c9-654418f29940/download/corsi_2004_it.csv',
    access_url: 'https://dati.unibo.it/dataset/8cbba6bd-1686-4828-b223-6f4dab477434/resource/9ad27723-846b-4ceb-91c9-654418f29940',
    license_id: 'cc-by',
    language: ['ITA'],
  });

  const budget = only(datasets, 'https://dati.unibo.it/dataset/0824deeb-8e76-4281-9120-c2177d0b13ca');
  expect(budget.input.title).toBe('Bilancio di esercizio 2016');
  expect(budget.input.frequency).toBe('ANNUAL');
  expect(budget.input.theme).toEqual([{ theme: 'GOVE', subthemes: [] }]);
  // The contact point is an IRI described at the end of the file.
  expect([budget.input.contact_name, budget.input.contact_email])
    .toEqual(['ARAG - Settore Programmazione e Supporto alla Valutazione', 'arag.dwh@unibo.it']);
  expect(resourcesOf(budget).map((r) => r.format).sort()).toEqual(['CSV', 'CSV', 'CSV', 'XLSX']);

  const staff = only(datasets, 'https://dati.unibo.it/dataset/7deb0ce5-3a25-47d8-8784-8086333b3114');
  expect(staff.input.title).toBe('Personale');
  expect(staff.input.frequency).toBe('UNKNOWN');
});
