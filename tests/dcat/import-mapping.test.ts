// The RDF importer's rules on small hand-written graphs: format guessing, licences, odd values.
import { guessRdfFormat, parseRdf } from '../../server/dcat/import/parse';
import { datasetsFromQuads, slugify } from '../../server/dcat/import/datasets';
import { licenceIdForUri } from '../../server/catalogue/licenses';
import { cleanEmail, lastSegment } from '../../server/dcat/import/values';

const PREFIXES = `
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix schema: <http://schema.org/> .
`;

async function importTurtle(body: string) {
  return datasetsFromQuads(await parseRdf(PREFIXES + body, 'turtle'));
}

const stripPrefix = (d: { uri: string; warnings: string[] }): string[] => d.warnings.map((w) => w.slice(`dataset ${d.uri}: `.length));

test('guessRdfFormat: Content-Type first, then the file name, then generic types', () => {
  expect(guessRdfFormat('text/turtle; charset=utf-8')).toBe('turtle');
  expect(guessRdfFormat('application/rdf+xml', 'catalog.ttl')).toBe('rdfxml');
  expect(guessRdfFormat('application/ld+json')).toBe('jsonld');
  expect(guessRdfFormat('application/n-triples')).toBe('ntriples');
  expect(guessRdfFormat('application/octet-stream', 'https://x.it/catalog.rdf?page=2')).toBe('rdfxml');
  expect(guessRdfFormat('', 'dump.nt')).toBe('ntriples');
  expect(guessRdfFormat('application/xml', 'catalog.jsonld')).toBe('jsonld');
  expect(guessRdfFormat('application/xml')).toBe('rdfxml');
  expect(guessRdfFormat('application/json', 'catalog')).toBe('jsonld');
  expect(guessRdfFormat('text/html', 'index.html')).toBeNull();
  expect(guessRdfFormat('')).toBeNull();
});

test('licenceIdForUri: AgID, Creative Commons, EU, opendefinition; undefined when unknown', () => {
  const agid = 'https://w3id.org/italia/controlled-vocabulary/licences/';
  expect(licenceIdForUri(`${agid}A21_CCBY40`)).toBe('CC-BY-4.0');
  expect(licenceIdForUri(`${agid}A11_CCO10`)).toBe('CC0-1.0');
  expect(licenceIdForUri(`${agid}A23_CCBY30IT`)).toBe('cc-by');
  expect(licenceIdForUri(`${agid}A29_IODL20`)).toBe('IODL-2.0');
  expect(licenceIdForUri(`${agid}A31_CCBYSA40`)).toBe('CC-BY-SA-4.0');
  expect(licenceIdForUri(`${agid}A310_ODBL`)).toBe('ODbL-1.0');
  expect(licenceIdForUri(`${agid}B11_CCBYNC40`)).toBe('cc-nc');
  expect(licenceIdForUri(`${agid}C1_Unknown`)).toBe('notspecified');
  expect(licenceIdForUri('https://creativecommons.org/licenses/by/4.0/')).toBe('CC-BY-4.0');
  expect(licenceIdForUri('http://creativecommons.org/licenses/by/4.0/deed.it')).toBe('CC-BY-4.0');
  expect(licenceIdForUri('https://creativecommons.org/licenses/by/3.0/it/')).toBe('cc-by');
  expect(licenceIdForUri('https://creativecommons.org/licenses/by-sa/4.0/legalcode')).toBe('CC-BY-SA-4.0');
  expect(licenceIdForUri('https://creativecommons.org/publicdomain/zero/1.0/')).toBe('CC0-1.0');
  expect(licenceIdForUri('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0')).toBe('CC-BY-4.0');
  expect(licenceIdForUri('http://publications.europa.eu/resource/authority/licence/CC0')).toBe('CC0-1.0');
  expect(licenceIdForUri('http://publications.europa.eu/resource/authority/licence/ODC_BL')).toBe('ODbL-1.0');
  expect(licenceIdForUri('http://www.opendefinition.org/licenses/cc-zero')).toBe('cc-zero');
  expect(licenceIdForUri('https://www.dati.gov.it/iodl/2.0/')).toBe('IODL-2.0');
  expect(licenceIdForUri('https://example.org/my-licence')).toBeUndefined();
});

test('slugify: lowercase, no accents, a-z0-9-_ only, 2 to 100 characters', () => {
  expect(slugify('Qualità dell\'aria — Città di Prato 2024')).toBe('qualita-dell-aria-citta-di-prato-2024');
  expect(slugify('r_liguri:D.658')).toBe('r_liguri-d-658');
  expect(slugify('x')).toBe('');
  expect(slugify('a'.repeat(150))).toHaveLength(100);
});

test('nothing to import: no quads, or quads without a dataset', async () => {
  expect(datasetsFromQuads([])).toEqual([]);
  expect(await importTurtle('<http://x.it/c> a dcat:Catalog ; dct:title "Catalogo" .')).toEqual([]);
});

test('an empty dataset imports with a derived name and warnings, never an exception', async () => {
  const [d] = await importTurtle('<http://x.it/dataset/vuoto> a dcat:Dataset .');
  expect(d.input.name).toBe('vuoto');
  expect(d.input.license_id).toBe('notspecified');
  expect(d.input.resources).toEqual([]);
  expect(d.organization).toBeNull();
  expect(stripPrefix(d)).toEqual(expect.arrayContaining([
    'manca dct:title', 'manca dct:description', 'manca dct:identifier', 'manca dct:publisher',
    'manca dcat:theme (tema EU)', 'manca dct:accrualPeriodicity', 'nessuna dcat:distribution',
  ]));
});

test('odd values: tags cleaned, dates normalised, subthemes under their own theme, checksum, byte size', async () => {
  const [d] = await importTurtle(`
<http://x.it/catalog> a dcat:Catalog ; dcat:dataset <http://x.it/d/1> ;
  dct:publisher [ foaf:name "Comune di Prova" ; dct:identifier "c_x000" ] .
<http://x.it/d/1> a dcat:Dataset ;
  dct:title "Qualità dell'aria"@it , "Air quality"@en ;
  dct:identifier "c_x000:aria" ;
  dcat:keyword "aria, ozono" , "x" , "PM10" , "pm10" ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ,
             <http://publications.europa.eu/resource/authority/data-theme/AGRI> , "NOPE" ;
  dct:subject <http://eurovoc.europa.eu/100243> , <http://eurovoc.europa.eu/100245> , <http://example.org/other> ;
  dct:issued "15/03/2021" ; dct:modified "2024-02-30" ;
  dct:temporal [ schema:startDate "2020"^^xsd:gYear ; schema:endDate "2021-02"^^xsd:gYearMonth ] ;
  dct:language "it" , <http://publications.europa.eu/resource/authority/language/ENG> ;
  dcat:contactPoint [ vcard:fn "URP" ; vcard:hasEmail "mailto:urp@x.it" ] ;
  dcat:distribution <http://x.it/d/1/r/1> .
<http://x.it/d/1/r/1> a dcat:Distribution ;
  dcat:accessURL <http://x.it/pagina> ;
  dct:format "csv" ;
  dcat:mediaType "text/csv" ;
  dcat:byteSize "1024"^^xsd:nonNegativeInteger ;
  dct:license <https://example.org/licenza-strana> ;
  spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "ABCDEF0123" ] .
`);
  const w = stripPrefix(d);
  expect(d.input.title).toBe("Qualità dell'aria");
  expect(d.input.name).toBe('aria');
  expect(d.input.tags).toEqual([{ name: 'PM10' }, { name: 'aria ozono' }]);
  expect(w).toContain('parola chiave "aria, ozono" corretta in "aria ozono"');
  expect(w.some((m) => m.startsWith('parola chiave "x" scartata'))).toBe(true);
  expect(d.input.theme).toEqual([
    { theme: 'AGRI', subthemes: ['http://eurovoc.europa.eu/100245'] },
    { theme: 'ENVI', subthemes: ['http://eurovoc.europa.eu/100243'] },
  ]);
  expect(w).toContain('dcat:theme non è un tema EU: NOPE');
  expect(w).toContain('dct:subject non EuroVoc ignorato: http://example.org/other');
  expect(d.input.issued).toBe('2021-03-15');
  expect(w).toContain('dct:issued "15/03/2021" letta come giorno/mese/anno: 2021-03-15');
  expect(d.input.modified).toBeUndefined();
  expect(w).toContain('dct:modified non è una data valida: "2024-02-30"');
  expect([d.input.temporal_start, d.input.temporal_end]).toEqual(['2020-01-01', '2021-02-28']);
  expect(d.input.language).toEqual(['ENG', 'ITA']);
  expect([d.input.contact_name, d.input.contact_email]).toEqual(['URP', 'urp@x.it']);
  // No dct:publisher on the dataset: the catalogue's.
  expect(d.organization).toEqual({ name: 'Comune di Prova', identifier: 'c_x000' });
  expect(w).toContain('dct:publisher mancante o vuoto: uso quello del catalogo');

  const [r] = d.input.resources as Record<string, unknown>[];
  expect(r).toEqual({
    name: 'pagina', url: 'http://x.it/pagina', access_url: 'http://x.it/pagina', format: 'csv', media_type: 'text/csv',
    byte_size: 1024, checksum: 'sha256:abcdef0123', license_id: 'notspecified',
  });
  expect(w).toContain('risorsa http://x.it/d/1/r/1: licenza non riconosciuta: https://example.org/licenza-strana, uso "notspecified"');
  expect(d.input.license_id).toBe('notspecified');
});

test('two datasets that would get the same name get distinct ones', async () => {
  const datasets = await importTurtle(`
<http://x.it/a> a dcat:Dataset ; dct:title "Bilancio" .
<http://x.it/b> a dcat:Dataset ; dct:title "Bilancio" .`);
  expect(datasets.map((d) => d.input.name).sort()).toEqual(['bilancio', 'bilancio-2']);
});

test('broken syntax rejects with a message naming the format', async () => {
  await expect(parseRdf('<http://x> <http://y> .', 'turtle')).rejects.toThrow(/^Turtle non valido/);
  const rdf = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"';
  await expect(parseRdf(`<rdf:RDF ${rdf}><rdf:Description></rdf:RDF>`, 'rdfxml')).rejects.toThrow(/^RDF\/XML non valido/);
  await expect(parseRdf('{', 'jsonld')).rejects.toThrow(/^JSON-LD non valido/);
});

test('a JSON-LD document with a remote @context is refused, not fetched', async () => {
  const doc = JSON.stringify({ '@context': 'https://example.org/context.jsonld', '@id': 'http://x.it/d', title: 'x' });
  await expect(parseRdf(doc, 'jsonld')).rejects.toThrow(/contesto JSON-LD remoto non caricato/);
});

test('JSON-LD with an inline context imports', async () => {
  const doc = {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
    '@id': 'http://x.it/dataset/uno',
    '@type': 'dcat:Dataset',
    'dct:title': { '@value': 'Uno', '@language': 'it' },
    'dct:identifier': 'uno',
  };
  const [d] = datasetsFromQuads(await parseRdf(JSON.stringify(doc), 'jsonld'));
  expect([d.uri, d.input.title, d.input.name]).toEqual(['http://x.it/dataset/uno', 'Uno', 'uno']);
});

test('links package_create would refuse: ftp:// distributions kept, a non-http(s) isVersionOf or standard reference left out', async () => {
  const [d] = await importTurtle(`
<http://x.it/d/ftp> a dcat:Dataset ; dct:title "Archivio" ; dct:identifier "c_x000:archivio" ;
  dct:isVersionOf <urn:uuid:1234> ;
  dct:conformsTo <urn:iso:std:iso:19115> , <https://www.iso.org/standard/26020.html> ;
  dcat:distribution <http://x.it/d/ftp/r> .
<http://x.it/d/ftp/r> a dcat:Distribution ; dct:format "CSV" ;
  dcat:accessURL <ftp://ftp.x.it/pub/> ; dcat:downloadURL <ftp://ftp.x.it/pub/archivio.csv> .
`);
  const w = stripPrefix(d);
  expect(d.input.is_version_of).toBeUndefined();
  expect(w).toContain('dct:isVersionOf urn:uuid:1234 non è un indirizzo http(s), ignorato');
  expect(d.input.conforms_to).toEqual([
    { identifier: 'https://www.iso.org/standard/26020.html', title: '', uri: 'https://www.iso.org/standard/26020.html' },
    { identifier: 'urn:iso:std:iso:19115', title: '', uri: '' },
  ]);
  expect(w).toContain('dct:conformsTo: riferimento urn:iso:std:iso:19115 non http(s), tenuto solo come identificativo');
  const [r] = d.input.resources as Record<string, unknown>[];
  expect([r.url, r.access_url, r.download_url]).toEqual(['ftp://ftp.x.it/pub/archivio.csv', 'ftp://ftp.x.it/pub/', 'ftp://ftp.x.it/pub/archivio.csv']);
});

describe('long values are read in linear time', () => {
  const long = 100_000;
  // No timing is asserted (the suite runs on busy machines): a backtracking expression would take
  // minutes on these inputs, and the test's own time limit is the guard. The first argument says what a
  // linear reading takes at most, for the reader.
  const within = (_expectedMs: number, run: () => unknown): unknown => run();

  it('lastSegment, cleanEmail, slugify on 100,000 characters: well under 100 ms each', () => {
    expect(within(100, () => lastSegment(`${'/'.repeat(long)}x`))).toBe('x');
    expect(within(100, () => lastSegment(`http://x.it/CSV${'/#'.repeat(long / 2)}`))).toBe('CSV');
    expect(within(100, () => lastSegment(`${'/'.repeat(long)}`))).toBe('');
    expect(within(100, () => cleanEmail(`a@${'b.'.repeat(long / 2)}/ `))).toBe('');
    expect(within(100, () => cleanEmail(`a@${'b.'.repeat(long / 2)}`))).toBe(`a@${'b.'.repeat(long / 2)}`);
    expect(within(100, () => cleanEmail(`${'a'.repeat(long)}@b`))).toBe('');
    expect(within(100, () => cleanEmail(`a@b${'.c'.repeat(long / 2)}/`))).toBe('');
    expect(within(100, () => cleanEmail(`http://x.it/${'a/'.repeat(long / 2)}urp@x.it`))).toBe('urp@x.it');
    expect(within(100, () => slugify(`ab${'_-'.repeat(long / 2)}c`))).toBe('ab');
    expect(within(100, () => slugify(`ab${'_-'.repeat(long / 2)}`))).toBe('ab');
  });

  it('cleanEmail as before on ordinary values', () => {
    expect(cleanEmail('mailto:urp@x.it')).toBe('urp@x.it');
    expect(cleanEmail('http://x.it/catalogo/urp@comune.x.it')).toBe('urp@comune.x.it');
    expect(cleanEmail('mailto:urp%40x.it')).toBe('urp@x.it');
    expect(cleanEmail('mailto:urp@x.it?subject=dati')).toBe('urp@x.it');
    expect(cleanEmail('URP')).toBe('');
    expect(cleanEmail('a@b.')).toBe('');
    expect(cleanEmail('a@.b')).toBe('');
    expect(cleanEmail('a@b.c.')).toBe('a@b.c.');
    expect(cleanEmail('a:b@x.it')).toBe('b@x.it');
    expect(cleanEmail('http://x.it/a:b@x.it')).toBe('b@x.it');
  });

  it('a distribution with 100,000-character media type and format IRIs imports in well under 100 ms', async () => {
    const a = 'a'.repeat(long);
    const quads = await parseRdf(`${PREFIXES}
<http://x.it/d/m> a dcat:Dataset ; dct:title "M" ; dcat:distribution <http://x.it/d/m/r> .
<http://x.it/d/m/r> a dcat:Distribution ; dcat:accessURL <http://x.it/m> ;
  dcat:mediaType <urn:x:${a}> ; dct:format <urn:x:${a}> , <http://x.it/media-types/${'+'.repeat(long)}> .
`, 'turtle');
    const [d] = within(100, () => datasetsFromQuads(quads)) as Awaited<ReturnType<typeof importTurtle>>;
    const [r] = d.input.resources as Record<string, unknown>[];
    expect(r.media_type).toBeUndefined();
  });

  it('reads media types from IANA IRIs and literals as before', async () => {
    const [d] = await importTurtle(`
<http://x.it/d/t> a dcat:Dataset ; dct:title "T" ; dcat:distribution <http://x.it/d/t/r1> , <http://x.it/d/t/r2> .
<http://x.it/d/t/r1> a dcat:Distribution ; dct:title "uno" ; dcat:accessURL <http://x.it/1> ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/text/CSV> .
<http://x.it/d/t/r2> a dcat:Distribution ; dct:title "due" ; dcat:accessURL <http://x.it/2> ;
  dcat:mediaType "application/json; charset=utf-8" ; dct:format <https://www.iana.org/assignments/media-types/application/geo+json> .
`);
    const [two, one] = d.input.resources as Record<string, unknown>[];
    expect([one.media_type, one.format]).toEqual(['text/csv', 'CSV']);
    expect([two.media_type, two.format]).toEqual(['application/json', 'GEOJSON']);
  });
});
