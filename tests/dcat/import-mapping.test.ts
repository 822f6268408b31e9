// The RDF importer's rules on small hand-written graphs: format guessing, licences, odd values.
import { guessRdfFormat, parseRdf } from '../../server/dcat/import/parse';
import { datasetsFromQuads, slugify } from '../../server/dcat/import/datasets';
import { licenceIdFromUri } from '../../server/dcat/import/licences';

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

test('licenceIdFromUri: AgID, Creative Commons, EU, opendefinition; null when unknown', () => {
  const agid = 'https://w3id.org/italia/controlled-vocabulary/licences/';
  expect(licenceIdFromUri(`${agid}A21_CCBY40`)).toBe('CC-BY-4.0');
  expect(licenceIdFromUri(`${agid}A11_CCO10`)).toBe('CC0-1.0');
  expect(licenceIdFromUri(`${agid}A23_CCBY30IT`)).toBe('cc-by');
  expect(licenceIdFromUri(`${agid}A29_IODL20`)).toBe('IODL-2.0');
  expect(licenceIdFromUri(`${agid}A31_CCBYSA40`)).toBe('CC-BY-SA-4.0');
  expect(licenceIdFromUri(`${agid}A310_ODBL`)).toBe('ODbL-1.0');
  expect(licenceIdFromUri(`${agid}B11_CCBYNC40`)).toBe('cc-nc');
  expect(licenceIdFromUri(`${agid}C1_Unknown`)).toBe('notspecified');
  expect(licenceIdFromUri('https://creativecommons.org/licenses/by/4.0/')).toBe('CC-BY-4.0');
  expect(licenceIdFromUri('http://creativecommons.org/licenses/by/4.0/deed.it')).toBe('CC-BY-4.0');
  expect(licenceIdFromUri('https://creativecommons.org/licenses/by/3.0/it/')).toBe('cc-by');
  expect(licenceIdFromUri('https://creativecommons.org/licenses/by-sa/4.0/legalcode')).toBe('CC-BY-SA-4.0');
  expect(licenceIdFromUri('https://creativecommons.org/publicdomain/zero/1.0/')).toBe('CC0-1.0');
  expect(licenceIdFromUri('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0')).toBe('CC-BY-4.0');
  expect(licenceIdFromUri('http://publications.europa.eu/resource/authority/licence/CC0')).toBe('CC0-1.0');
  expect(licenceIdFromUri('http://publications.europa.eu/resource/authority/licence/ODC_BL')).toBe('ODbL-1.0');
  expect(licenceIdFromUri('http://www.opendefinition.org/licenses/cc-zero')).toBe('cc-zero');
  expect(licenceIdFromUri('https://www.dati.gov.it/iodl/2.0/')).toBe('IODL-2.0');
  expect(licenceIdFromUri('https://example.org/my-licence')).toBeNull();
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
