// DCAT-AP 3.0.1 + DCAT-AP_IT quads for hand-made records: expected triples, the same graph in the four
// serialisations, shared terms described once per document, and the SHACL shapes.
import { DataFactory, Parser, Store } from 'n3';
import type { Quad, Term } from 'n3';
import type { DcatAgent, DcatCatalogRecord, DcatDatasetRecord, DcatDistributionRecord, DcatLicence } from '../../server/dcat/record';
import {
  catalogQuads, createTermRegistry, datasetQuads, pagingQuads, type DcatProfile, type PagingInfo,
} from '../../server/dcat/rdf/dataset-quads';
import { PREFIXES } from '../../server/dcat/rdf/namespaces';
import { RECENT_TERMS_PER_KIND } from '../../server/dcat/rdf/quad-sink';
import { RdfFormat } from '../../server/dcat/rdf/writers';
import { canonical, parseBack, serialise } from '../support/rdf';
import { ShapeSet, describeViolations, violationsOf } from '../support/shacl';


const { namedNode, literal } = DataFactory;
const P = PREFIXES;
const SITE = 'https://dati.example.it';
const EU = 'http://publications.europa.eu/resource/authority/';
const RDF_TYPE = `${P.rdf}type`;
const IANA = 'https://www.iana.org/assignments/media-types/';

// ------------------------------------------------------------------ records

const COMUNE: DcatAgent = { name: 'Comune di Firenze', identifier: 'c_d612', uri: `${SITE}/organization/comune-di-firenze` };
const CC_BY: DcatLicence = {
  id: 'CC-BY-4.0',
  uri: 'https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40',
  title: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
  admsType: 'http://purl.org/adms/licencetype/Attribution',
};
const CC0: DcatLicence = {
  id: 'CC0-1.0',
  uri: 'https://w3id.org/italia/controlled-vocabulary/licences/A11_CCO10',
  title: 'CC0 1.0',
  admsType: 'http://purl.org/adms/licencetype/PublicDomain',
};

/** Only what every dataset has: one theme, a frequency, the organisation, one distribution. */
function minimalRecord(): DcatDatasetRecord {
  const uri = `${SITE}/dataset/0b5e2c1a-min`;
  return {
    id: '0b5e2c1a-min',
    name: 'minimo',
    uri,
    landingPage: `${SITE}/dataset/minimo`,
    identifier: 'c_d612:minimo',
    alternateIdentifiers: [],
    title: 'Dataset minimo',
    description: 'Solo i campi obbligatori.',
    keywords: [],
    themes: [{ theme: 'SOCI', subthemes: [] }],
    frequency: 'UNKNOWN',
    publisher: COMUNE,
    rightsHolder: COMUNE,
    creators: [],
    issued: '2024-03-01',
    modified: '2024-03-02',
    languages: [],
    temporal: null,
    spatial: null,
    conformsTo: [],
    isVersionOf: null,
    version: '',
    contact: null,
    homepageOfSource: null,
    distributions: [{
      id: 'r-min-1',
      uri: `${SITE}/dataset/minimo/resource/r-min-1`,
      title: 'Dati',
      description: '',
      format: 'CSV',
      mediaType: '',
      licence: CC_BY,
      byteSize: null,
      checksumSha256: null,
      downloadUrl: null,
      accessUrl: `${SITE}/dataset/minimo/resource/r-min-1`,
      languages: [],
      issued: '2024-03-01',
      modified: '2024-03-01',
    }],
    metadataCreated: '2024-03-01T09:00:00Z',
    metadataModified: '2024-03-02T09:00:00Z',
  };
}

const TRICKY_TITLE = 'Popolazione <residente> & "quartieri" dell\'Oltrarno: città, età';
const TRICKY_DESCRIPTION = 'Prima riga: perché sì.\nSeconda riga con <b>tag</b> & entità "citate" e l\'apostrofo.\r\nTerza\tcon tab.';
const SHA = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';

/** Every field filled, two distributions, special characters. */
function fullRecord(id = '7f3d9a40-full', name = 'popolazione-residente'): DcatDatasetRecord {
  const uri = `${SITE}/dataset/${id}`;
  const csv: DcatDistributionRecord = {
    id: 'r-csv',
    uri: `${SITE}/dataset/${name}/resource/r-csv`,
    title: `${TRICKY_TITLE} (CSV)`,
    description: TRICKY_DESCRIPTION,
    format: 'CSV',
    mediaType: 'text/csv',
    licence: CC_BY,
    byteSize: 1234567,
    checksumSha256: SHA,
    downloadUrl: `${SITE}/files/${name}/popolazione residente <2024>.csv`,
    accessUrl: `${SITE}/dataset/${name}/resource/r-csv`,
    languages: ['ITA'],
    issued: '2024-01-15',
    modified: '2024-06-30T18:45:10+02:00',
  };
  const json: DcatDistributionRecord = {
    id: 'r-json',
    uri: `${SITE}/dataset/${name}/resource/r-json`,
    title: 'API JSON',
    description: 'Servizio JSON',
    format: 'JSON',
    mediaType: 'application/json',
    licence: CC0,
    byteSize: 0,
    checksumSha256: null,
    downloadUrl: null,
    accessUrl: 'https://api.example.it/popolazione?anno=2024&formato=json',
    languages: ['ITA', 'ENG'],
    issued: '2024-01-15T08:00:00Z',
    modified: '2024-02-01',
  };
  return {
    id,
    name,
    uri,
    landingPage: `${SITE}/dataset/${name}`,
    identifier: `c_d612:${name}`,
    alternateIdentifiers: [
      { identifier: 'ISTAT:POP-2024', agent: { name: 'Istituto Nazionale di Statistica', identifier: 'istat' } },
      { identifier: 'DOI:10.1234/pop', agent: null },
    ],
    title: TRICKY_TITLE,
    description: TRICKY_DESCRIPTION,
    keywords: ['popolazione', 'età', 'anagrafe & stato civile'],
    themes: [
      { theme: 'SOCI', subthemes: ['http://eurovoc.europa.eu/100210'] },
      { theme: 'ECON', subthemes: ['http://eurovoc.europa.eu/100185'] },
    ],
    frequency: 'ANNUAL',
    publisher: COMUNE,
    rightsHolder: { name: 'Città Metropolitana di Firenze', identifier: 'cmfi', uri: null },
    creators: [{ name: 'Ufficio Statistica', identifier: 'c_d612_stat', uri: null }, COMUNE],
    issued: '2020-03-01',
    modified: '2024-06-30T18:45:10Z',
    languages: ['ITA'],
    temporal: { start: '2015-01-01', end: '2023-12-31T23:59:59Z' },
    spatial: { placeCode: 'ITA_FLR', geonamesUrl: 'https://www.geonames.org/3176959' },
    conformsTo: [
      { identifier: 'ISO 19115', title: 'Metadati geografici', uri: 'https://www.iso.org/standard/53798.html' },
      { identifier: 'ANPR-1', title: 'Tracciato ANPR «popolazione»', uri: null },
    ],
    isVersionOf: `${SITE}/dataset/popolazione-residente-2019`,
    version: '2.1',
    contact: { name: 'Ufficio Statistica – Comune di Firenze', email: 'statistica@comune.fi.it' },
    homepageOfSource: 'https://www.comune.fi.it/pagina/statistica',
    distributions: [csv, json],
    metadataCreated: '2020-03-01T10:00:00Z',
    metadataModified: '2024-06-30T18:45:10Z',
  };
}

function catalogRecord(): DcatCatalogRecord {
  return {
    uri: `${SITE}/catalog`,
    title: { it: 'Catalogo dei dati aperti', en: 'Open data catalogue' },
    description: { it: 'Dati aperti delle amministrazioni toscane.', en: 'Open data of the Tuscan administrations.' },
    homepage: `${SITE}/`,
    publisher: COMUNE,
    languages: ['ITA', 'ENG'],
    issued: '2020-01-01',
    modified: '2024-06-30T18:45:10Z',
    licence: CC_BY,
    spatial: 'ITA_FLR',
  };
}

const PAGING: PagingInfo = {
  pageUrl: `${SITE}/catalog.ttl?page=2`,
  first: `${SITE}/catalog.ttl?page=1`,
  last: `${SITE}/catalog.ttl?page=3`,
  next: `${SITE}/catalog.ttl?page=3`,
  previous: `${SITE}/catalog.ttl?page=1`,
  totalItems: 250,
  itemsPerPage: 100,
};

/** A whole catalogue page, as a feed writes it: one term registry for the document. */
function cataloguePage(datasets: DcatDatasetRecord[], profile: DcatProfile = 'dcat-ap-3'): Quad[][] {
  const terms = createTermRegistry();
  return [
    catalogQuads(catalogRecord(), datasets.map((d) => d.uri), terms),
    pagingQuads(PAGING),
    ...datasets.map((d) => datasetQuads(d, terms, profile)),
  ];
}

// ------------------------------------------------------------------ helpers




const nn = (iri: string) => namedNode(iri);
const has = (store: Store, s: Term | null, p: string, o: Term | null) => store.countQuads(s, nn(p), o, null) > 0;
const objects = (store: Store, s: Term, p: string) => store.getObjects(s, nn(p), null);
const typesOf = (store: Store, s: Term) => objects(store, s, RDF_TYPE).map((t) => t.value).sort();

// ------------------------------------------------------------------ tests

describe('datasetQuads: expected triples', () => {
  const record = fullRecord();
  const store = new Store(datasetQuads(record, createTermRegistry(), 'dcat-ap-3'));
  const ds = nn(record.uri);

  test('dataset, distributions, agents and contact carry both DCAT and DCAT-AP_IT classes', () => {
    expect(typesOf(store, ds)).toEqual([`${P.dcatapit}Dataset`, `${P.dcat}Dataset`]);
    for (const d of record.distributions) {
      expect(typesOf(store, nn(d.uri))).toEqual([`${P.dcatapit}Distribution`, `${P.dcat}Distribution`]);
    }
    const publisher = nn(COMUNE.uri!);
    expect(typesOf(store, publisher)).toEqual([`${P.dcatapit}Agent`, `${P.foaf}Agent`]);
    expect(objects(store, publisher, `${P.dct}identifier`)).toEqual([literal('c_d612')]);
    expect(objects(store, publisher, `${P.foaf}name`)).toEqual([literal('Comune di Firenze', 'it')]);
    // the publisher is also a creator: described once
    expect(store.countQuads(publisher, nn(RDF_TYPE), nn(`${P.foaf}Agent`), null)).toBe(1);
    const holder = objects(store, ds, `${P.dct}rightsHolder`)[0];
    expect(holder.termType).toBe('BlankNode');
    expect(objects(store, holder, `${P.dct}identifier`)).toEqual([literal('cmfi')]);

    const [contact] = objects(store, ds, `${P.dcat}contactPoint`);
    expect(typesOf(store, contact)).toEqual([`${P.dcatapit}Organization`, `${P.vcard}Kind`, `${P.vcard}Organization`]);
    expect(objects(store, contact, `${P.vcard}hasEmail`)).toEqual([nn('mailto:statistica@comune.fi.it')]);
    expect(objects(store, contact, `${P.vcard}fn`)).toEqual([literal('Ufficio Statistica – Comune di Firenze')]);
  });

  test('literals keep special characters; dates are xsd:date or xsd:dateTime', () => {
    expect(objects(store, ds, `${P.dct}title`)).toEqual([literal(TRICKY_TITLE, 'it')]);
    expect(objects(store, ds, `${P.dct}description`)).toEqual([literal(TRICKY_DESCRIPTION, 'it')]);
    expect(objects(store, ds, `${P.dct}issued`)).toEqual([literal('2020-03-01', nn(`${P.xsd}date`))]);
    expect(objects(store, ds, `${P.dct}modified`)).toEqual([literal('2024-06-30T18:45:10Z', nn(`${P.xsd}dateTime`))]);
    const csv = nn(record.distributions[0].uri);
    expect(objects(store, csv, `${P.dct}modified`)).toEqual([literal('2024-06-30T18:45:10+02:00', nn(`${P.xsd}dateTime`))]);
    const [period] = objects(store, ds, `${P.dct}temporal`);
    expect(typesOf(store, period)).toEqual([`${P.dct}PeriodOfTime`]);
    expect(objects(store, period, `${P.dcat}startDate`)).toEqual([literal('2015-01-01', nn(`${P.xsd}date`))]);
    expect(objects(store, period, `${P.dcat}endDate`)).toEqual([literal('2023-12-31T23:59:59Z', nn(`${P.xsd}dateTime`))]);
  });

  test('distribution: format, media type, byte size, checksum, licence with its ADMS type, URLs', () => {
    const csv = nn(record.distributions[0].uri);
    const json = nn(record.distributions[1].uri);
    const format = nn(`${EU}file-type/CSV`);
    expect(objects(store, csv, `${P.dct}format`)).toEqual([format]);
    expect(typesOf(store, format)).toEqual([`${P.dct}MediaTypeOrExtent`]);
    const media = nn('https://www.iana.org/assignments/media-types/text/csv');
    expect(objects(store, csv, `${P.dcat}mediaType`)).toEqual([media]);
    expect(typesOf(store, media)).toEqual([`${P.dct}MediaType`]);
    expect(objects(store, csv, `${P.dcat}byteSize`)).toEqual([literal('1234567', nn(`${P.xsd}nonNegativeInteger`))]);
    expect(objects(store, json, `${P.dcat}byteSize`)).toEqual([literal('0', nn(`${P.xsd}nonNegativeInteger`))]);

    const [checksum] = objects(store, csv, `${P.spdx}checksum`);
    expect(checksum.termType).toBe('BlankNode');
    expect(checksum.value.startsWith('7f3d9a40-2d-full_')).toBe(true); // prefixed with the dataset id
    expect(typesOf(store, checksum)).toEqual([`${P.spdx}Checksum`]);
    expect(objects(store, checksum, `${P.spdx}algorithm`)).toEqual([nn(`${P.spdx}checksumAlgorithm_sha256`)]);
    expect(typesOf(store, nn(`${P.spdx}checksumAlgorithm_sha256`))).toEqual([`${P.spdx}ChecksumAlgorithm`]);
    expect(objects(store, checksum, `${P.spdx}checksumValue`)).toEqual([literal(SHA.toLowerCase(), nn(`${P.xsd}hexBinary`))]);
    expect(objects(store, json, `${P.spdx}checksum`)).toEqual([]);

    const lic = nn(CC_BY.uri);
    expect(objects(store, csv, `${P.dct}license`)).toEqual([lic]);
    expect(typesOf(store, lic)).toEqual([`${P.dcatapit}LicenseDocument`, `${P.dct}LicenseDocument`]);
    const attribution = nn('http://purl.org/adms/licencetype/Attribution');
    expect(objects(store, lic, `${P.dct}type`)).toEqual([attribution]);
    expect(typesOf(store, attribution)).toEqual([`${P.skos}Concept`]);
    expect(objects(store, attribution, `${P.skos}prefLabel`)).toEqual([literal('Attribution', 'en')]);
    expect(objects(store, nn(CC0.uri), `${P.dct}type`)).toEqual([nn('http://purl.org/adms/licencetype/PublicDomain')]);

    // characters no IRI may hold are percent-encoded, the rest of the URL is kept
    expect(objects(store, csv, `${P.dcat}downloadURL`))
      .toEqual([nn(`${SITE}/files/popolazione-residente/popolazione%20residente%20%3C2024%3E.csv`)]);
    expect(objects(store, json, `${P.dcat}accessURL`)).toEqual([nn('https://api.example.it/popolazione?anno=2024&formato=json')]);
    expect(objects(store, json, `${P.dct}language`).map((t) => t.value).sort()).toEqual([`${EU}language/ENG`, `${EU}language/ITA`]);
  });

  test('themes, subthemes, frequency, languages, places and documents are typed and labelled', () => {
    const soci = nn(`${EU}data-theme/SOCI`);
    expect(typesOf(store, soci)).toEqual([`${P.skos}Concept`]);
    expect(objects(store, soci, `${P.skos}prefLabel`)).toEqual([literal('Popolazione e società', 'it'), literal('Population and society', 'en')]);
    const scheme = nn(`${EU}data-theme`);
    expect(objects(store, soci, `${P.skos}inScheme`)).toEqual([scheme]);
    expect(typesOf(store, scheme)).toEqual([`${P.skos}ConceptScheme`]);
    expect(objects(store, scheme, `${P.dct}title`).length).toBe(2);
    const sub = nn('http://eurovoc.europa.eu/100210');
    expect(objects(store, ds, `${P.dct}subject`).map((t) => t.value).sort()).toEqual(['http://eurovoc.europa.eu/100185', sub.value]);
    expect(typesOf(store, sub)).toEqual([`${P.skos}Concept`]);
    expect(objects(store, sub, `${P.skos}prefLabel`)).toContainEqual(literal('2816 demografia e popolazione', 'it'));

    expect(typesOf(store, nn(`${EU}frequency/ANNUAL`))).toEqual([`${P.dct}Frequency`]);
    expect(typesOf(store, nn(`${EU}language/ITA`))).toEqual([`${P.dct}LinguisticSystem`]);
    expect(typesOf(store, nn(`${EU}place/ITA_FLR`))).toEqual([`${P.dct}Location`]);
    expect(typesOf(store, nn('https://www.geonames.org/3176959'))).toEqual([`${P.dct}Location`]);
    expect(typesOf(store, nn(record.landingPage))).toEqual([`${P.foaf}Document`]);
    expect(objects(store, ds, `${P.foaf}page`)).toEqual([nn(record.homepageOfSource!)]);
    expect(typesOf(store, nn(record.homepageOfSource!))).toEqual([`${P.foaf}Document`]);
  });

  test('identifiers, standards, version', () => {
    expect(objects(store, ds, `${P.dct}identifier`)).toEqual([literal('c_d612:popolazione-residente')]);
    const alt = objects(store, ds, `${P.adms}identifier`);
    expect(alt).toHaveLength(2);
    for (const node of alt) expect(typesOf(store, node)).toEqual([`${P.adms}Identifier`]);
    const notations = alt.flatMap((n) => objects(store, n, `${P.skos}notation`).map((t) => t.value)).sort();
    expect(notations).toEqual(['DOI:10.1234/pop', 'ISTAT:POP-2024']);
    const istat = alt.find((n) => has(store, n, `${P.skos}notation`, literal('ISTAT:POP-2024')))!;
    const [creator] = objects(store, istat, `${P.dct}creator`);
    expect(typesOf(store, creator)).toEqual([`${P.dcatapit}Agent`, `${P.foaf}Agent`]);
    expect(objects(store, creator, `${P.dct}identifier`)).toEqual([literal('istat')]);

    const standards = objects(store, ds, `${P.dct}conformsTo`);
    expect(standards).toHaveLength(2);
    for (const s of standards) expect(typesOf(store, s)).toEqual([`${P.dcatapit}Standard`, `${P.dct}Standard`]);
    expect(objects(store, ds, `${P.dct}isVersionOf`)).toEqual([nn(`${SITE}/dataset/popolazione-residente-2019`)]);
    expect(objects(store, ds, `${P.dcat}version`)).toEqual([literal('2.1')]);
    expect(objects(store, ds, `${P.owl}versionInfo`)).toEqual([literal('2.1')]);
  });

  test('the minimal record leaves out what it does not have', () => {
    const min = minimalRecord();
    const s = new Store(datasetQuads(min));
    const d = nn(min.uri);
    for (const p of ['temporal', 'spatial', 'conformsTo', 'isVersionOf', 'creator', 'language']) {
      expect([p, s.countQuads(d, nn(`${P.dct}${p}`), null, null)]).toEqual([p, 0]);
    }
    for (const p of ['contactPoint', 'keyword', 'version']) expect(s.countQuads(d, nn(`${P.dcat}${p}`), null, null)).toBe(0);
    const dist = nn(min.distributions[0].uri);
    expect(s.countQuads(dist, nn(`${P.dct}description`), null, null)).toBe(0);
    expect(s.countQuads(dist, nn(`${P.dcat}mediaType`), null, null)).toBe(0);
    expect(s.countQuads(dist, nn(`${P.spdx}checksum`), null, null)).toBe(0);
    expect(s.countQuads(null, null, null, null)).toBeGreaterThan(30);
    expect(s.getSubjects(null, null, null).every((t) => t.termType === 'NamedNode')).toBe(true);
  });
});

describe('catalogue page', () => {
  test('catalogQuads links only the datasets of the page and describes its own terms', () => {
    const store = new Store(catalogQuads(catalogRecord(), [`${SITE}/dataset/a`, `${SITE}/dataset/b`]));
    const cat = nn(`${SITE}/catalog`);
    expect(typesOf(store, cat)).toEqual([`${P.dcatapit}Catalog`, `${P.dcat}Catalog`]);
    expect(objects(store, cat, `${P.dcat}dataset`).map((t) => t.value)).toEqual([`${SITE}/dataset/a`, `${SITE}/dataset/b`]);
    expect(objects(store, cat, `${P.dct}title`)).toEqual([literal('Catalogo dei dati aperti', 'it'), literal('Open data catalogue', 'en')]);
    expect(objects(store, cat, `${P.dcat}themeTaxonomy`)).toEqual([nn(`${EU}data-theme`)]);
    expect(typesOf(store, nn(`${SITE}/`))).toEqual([`${P.foaf}Document`]);
    expect(typesOf(store, nn(CC_BY.uri))).toContain(`${P.dct}LicenseDocument`);
  });

  test('pagingQuads writes the hydra:PagedCollection as ckanext-dcat does', () => {
    const store = new Store(pagingQuads(PAGING));
    const page = nn(PAGING.pageUrl);
    const H = P.hydra;
    expect(typesOf(store, page)).toEqual([`${H}PagedCollection`]);
    expect(objects(store, page, `${H}totalItems`)).toEqual([literal('250', nn(`${P.xsd}integer`))]);
    expect(objects(store, page, `${H}itemsPerPage`)).toEqual([literal('100', nn(`${P.xsd}integer`))]);
    for (const [key, names] of [['first', ['firstPage', 'first']], ['last', ['lastPage', 'last']],
      ['next', ['nextPage', 'next']], ['previous', ['previousPage', 'previous']]] as const) {
      for (const name of names) expect(objects(store, page, `${H}${name}`)).toEqual([literal(PAGING[key]!)]);
    }
    const lastPage = new Store(pagingQuads({ ...PAGING, pageUrl: PAGING.last, next: null }));
    expect(lastPage.countQuads(null, nn(`${H}nextPage`), null, null)).toBe(0);
    expect(lastPage.countQuads(null, nn(`${H}next`), null, null)).toBe(0);
  });

  test('a term used by two datasets is typed once; blank nodes never clash', async () => {
    const one = fullRecord();
    const two = fullRecord('9c1e77b2-other', 'popolazione-2');
    const quads = cataloguePage([one, two]).flat();
    const store = new Store(quads);
    expect(quads.length).toBe(store.size); // no triple written twice, in a page (see the next test for long documents)
    const count = (s: string, o: string) => store.countQuads(nn(s), nn(RDF_TYPE), nn(o), null);
    expect(count(`${EU}data-theme/SOCI`, `${P.skos}Concept`)).toBe(1);
    expect(store.countQuads(nn(`${EU}data-theme/SOCI`), nn(`${P.skos}prefLabel`), null, null)).toBe(2);
    expect(count(`${EU}data-theme`, `${P.skos}ConceptScheme`)).toBe(1);
    expect(count(CC_BY.uri, `${P.dct}LicenseDocument`)).toBe(1);
    expect(count(COMUNE.uri!, `${P.foaf}Agent`)).toBe(1);
    expect(count(`${EU}language/ITA`, `${P.dct}LinguisticSystem`)).toBe(1);
    expect(count(`${P.spdx}checksumAlgorithm_sha256`, `${P.spdx}ChecksumAlgorithm`)).toBe(1);
    // both datasets link the shared terms
    for (const d of [one, two]) expect(has(store, nn(d.uri), `${P.dcat}theme`, nn(`${EU}data-theme/SOCI`))).toBe(true);
    // each dataset has its own blank nodes (12 each: temporal, contact, 2 agents, 2 ids + 1 agent, standard, checksum...)
    const blanksOf = (d: DcatDatasetRecord) => {
      const prefix = d.id.replace(/-/g, '-2d-');
      return new Set(store.getSubjects(null, null, null).filter((t) => t.termType === 'BlankNode' && t.value.startsWith(`${prefix}_`)).map((t) => t.value));
    };
    const b1 = blanksOf(one);
    const b2 = blanksOf(two);
    expect(b1.size).toBeGreaterThan(5);
    expect(b2.size).toBe(b1.size);
    expect([...b1].filter((b) => b2.has(b))).toEqual([]);
    expect(store.getSubjects(null, null, null).filter((t) => t.termType === 'BlankNode')).toHaveLength(b1.size + b2.size);

    // still so once serialised and parsed back
    const back = new Store(new Parser().parse(await serialise('turtle', cataloguePage([one, two]))));
    expect(back.countQuads(nn(`${EU}data-theme/SOCI`), nn(RDF_TYPE), null, null)).toBe(1);
    expect(back.size).toBe(store.size);
  });

  test('the registry keeps every vocabulary term, and only the recent terms of kinds that grow with the catalogue', () => {
    const one = fullRecord();
    const two = fullRecord('9c1e77b2-other', 'popolazione-2');
    const terms = createTermRegistry();
    const quads = [...catalogQuads(catalogRecord(), [one.uri, two.uri], terms), ...datasetQuads(one, terms, 'dcat-ap-3'), ...datasetQuads(two, terms, 'dcat-ap-3')];
    const typings = (s: string, o: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === RDF_TYPE && q.object.value === o).length;
    // within a page every term is typed once, vocabulary or not
    for (const [s, o] of [
      [`${EU}data-theme/SOCI`, `${P.skos}Concept`], [COMUNE.uri!, `${P.foaf}Agent`], [CC_BY.uri, `${P.dct}LicenseDocument`],
      [`${EU}file-type/CSV`, `${P.dct}MediaTypeOrExtent`], [one.homepageOfSource!, `${P.foaf}Document`],
      [one.spatial!.geonamesUrl!, `${P.dct}Location`], [`${IANA}text/csv`, `${P.dct}MediaType`], [one.conformsTo[0].uri!, `${P.dct}Standard`],
    ]) expect([s, typings(s, o)]).toEqual([s, 1]);
    const vocabularies = [
      'accessrights', 'agent', 'checksumalgorithm', 'file-type', 'frequency', 'language', 'licence', 'licencetype',
      'place', 'scheme', 'subtheme', 'theme',
    ];
    const growing = ['recent:document', 'recent:location', 'recent:mediatype', 'recent:standard'];
    expect([...terms.keys()].sort()).toEqual([...vocabularies, ...growing].sort());

    // A long export (a whole catalogue): past RECENT_TERMS_PER_KIND new homepages, media types, places
    // and standards, the registry stops growing, and a term forgotten meanwhile is typed again.
    const sizeOf = () => [...terms.values()].reduce((n, set) => n + set.size, 0);
    const many = (i: number) => {
      const r = minimalRecord();
      r.id = `many-${i}`;
      r.uri = `${SITE}/dataset/many-${i}`;
      r.landingPage = `${SITE}/dataset/many-${i}`;
      r.homepageOfSource = `https://source-${i}.example.org/`;
      r.spatial = { placeCode: 'ITA_FLR', geonamesUrl: `https://www.geonames.org/${i}` };
      r.conformsTo = [{ identifier: `std-${i}`, title: `Standard ${i}`, uri: `https://standards.example.org/${i}` }];
      r.distributions = [{ ...r.distributions[0], mediaType: `application/x-type-${i}` }];
      return r;
    };
    for (let i = 0; i < 2 * RECENT_TERMS_PER_KIND; i++) datasetQuads(many(i), terms);
    for (const kind of growing) expect([kind, terms.get(kind)!.size]).toEqual([kind, RECENT_TERMS_PER_KIND]);
    const vocabularySize = vocabularies.reduce((n, k) => n + terms.get(k)!.size, 0);
    expect(vocabularySize).toBeLessThan(100); // the vocabularies the records use, whatever the number of datasets
    expect(sizeOf()).toBe(vocabularySize + growing.length * RECENT_TERMS_PER_KIND);
    const again = new Store(datasetQuads(two, terms));
    expect(typesOf(again, nn(one.homepageOfSource!))).toEqual([`${P.foaf}Document`]);
    expect(typesOf(again, nn(one.spatial!.geonamesUrl!))).toEqual([`${P.dct}Location`]);
    expect(typesOf(again, nn(`${IANA}text/csv`))).toEqual([`${P.dct}MediaType`]);
    expect(typesOf(again, nn(one.conformsTo[0].uri!))).toEqual([`${P.dcatapit}Standard`, `${P.dct}Standard`]);
    expect(objects(again, nn(one.conformsTo[0].uri!), `${P.dct}title`)).toHaveLength(1);
    // vocabulary terms are never forgotten: not typed again
    expect(again.countQuads(nn(`${EU}data-theme/SOCI`), null, null, null)).toBe(0);
    expect(again.countQuads(nn(COMUNE.uri!), null, null, null)).toBe(0);
    // a term met recently is not typed again either
    const recent = new Store(datasetQuads(many(2 * RECENT_TERMS_PER_KIND - 1), terms));
    expect(recent.countQuads(nn(`https://source-${2 * RECENT_TERMS_PER_KIND - 1}.example.org/`), null, null, null)).toBe(0);
  });

  test('a media type that only starts with "http" is an IANA type, not an IRI', async () => {
    const record = minimalRecord();
    record.distributions[0].mediaType = 'httpd/unix-directory';
    const second = { ...record.distributions[0], id: 'r-min-2', uri: `${record.uri}/r-min-2`, mediaType: 'https://example.org/types/x' };
    record.distributions.push(second);
    const quads = datasetQuads(record);
    const types = quads.filter((q) => q.predicate.value === `${P.dcat}mediaType`).map((q) => q.object.value).sort();
    expect(types).toEqual(['https://example.org/types/x', `${IANA}httpd/unix-directory`]);
    const text = await serialise('ntriples', [quads]);
    expect(text).not.toContain('<httpd/');
    expect(await canonical(await parseBack(text, 'ntriples'))).toEqual(await canonical(quads));
  });

  test('the four serialisations carry the same graph (up to blank node labels)', async () => {
    const batches = cataloguePage([minimalRecord(), fullRecord()]);
    const expected = await canonical(batches.flat());
    expect(expected.length).toBeGreaterThan(150);
    for (const format of ['turtle', 'ntriples', 'rdfxml', 'jsonld'] as RdfFormat[]) {
      const text = await serialise(format, batches);
      const back = await canonical(await parseBack(text, format));
      expect({ format, triples: back }).toEqual({ format, triples: expected });
    }
  });
});

describe('SHACL', () => {
  const DCAT_AP_3: ShapeSet[] = ['dcat-ap-3.0.1', 'dcat-ap-3.0.1-base', 'dcat-ap-3.0.1-range', 'dcat-ap_it'];

  test('catalogue + paging + two datasets: zero violations of DCAT-AP 3.0.1 and DCAT-AP_IT', async () => {
    const ttl = await serialise('turtle', cataloguePage([minimalRecord(), fullRecord()]));
    const violations = await violationsOf(ttl, DCAT_AP_3);
    expect(describeViolations(violations)).toBe('no SHACL results');
  });

  test('DCAT-AP 2.1.1 on the DCAT-AP 3 profile: only the rules DCAT-AP 3 changed are broken', async () => {
    const ttl = await serialise('turtle', cataloguePage([minimalRecord(), fullRecord()], 'dcat-ap-3'));
    const violations = await violationsOf(ttl, ['dcat-ap-2.1.1-base', 'dcat-ap-2.1.1-range']);
    const found = violations.map((v) => `${v.set} ${v.path} ${v.value}`).sort();
    expect(found).toEqual([
      // 2.1.1 allows only SHA-1 checksums (sh:hasValue: the result names no value)
      `dcat-ap-2.1.1-base ${P.spdx}algorithm `,
      // 2.1.1 wants xsd:decimal byte sizes, 3.0.1 xsd:nonNegativeInteger
      `dcat-ap-2.1.1-base ${P.dcat}byteSize 0`,
      `dcat-ap-2.1.1-base ${P.dcat}byteSize 1234567`,
      // 2.1.1 wants the target of dct:isVersionOf typed dcat:Dataset (3.0.1 dropped the range)
      `dcat-ap-2.1.1-range ${P.dct}isVersionOf ${SITE}/dataset/popolazione-residente-2019`,
    ]);
  });

  test('the compatible profile (the default) passes DCAT-AP 3.0.1, 2.1.1 base and DCAT-AP_IT at once', async () => {
    const ttl = await serialise('turtle', cataloguePage([minimalRecord(), fullRecord()], 'compatible'));
    const violations = await violationsOf(ttl, [...DCAT_AP_3, 'dcat-ap-2.1.1-base']);
    expect(describeViolations(violations)).toBe('no SHACL results');
    expect(ttl).not.toMatch(/byteSize|checksum/);
  });

  test('the DCAT-AP 2 profile writes byte sizes as xsd:decimal and passes 2.1.1 base', async () => {
    const ttl = await serialise('turtle', cataloguePage([minimalRecord(), fullRecord()], 'dcat-ap-2'));
    expect(ttl).toMatch(/dcat:byteSize "1234567"\^\^xsd:decimal/);
    const violations = await violationsOf(ttl, ['dcat-ap-2.1.1-base', 'dcat-ap_it']);
    expect(describeViolations(violations)).toBe('no SHACL results');
  });
});
