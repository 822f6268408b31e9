// schema.org JSON-LD for dataset search engines (server/dcat/schema-org.ts): the exact object for a full and
// a minimal record, and JSON that a title with "</script>" cannot break out of.
import type { DcatDatasetRecord } from '../../server/dcat/record';
import { jsonForScript, schemaOrgDataset } from '../../server/dcat/schema-org';

const SITE = 'https://dati.example.it';
const COMUNE = { name: 'Comune di Firenze', identifier: 'c_d612', uri: `${SITE}/organization/0f1e` };
const CC_BY = {
  id: 'CC-BY-4.0', uri: 'https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40',
  title: 'CC BY 4.0', admsType: 'http://purl.org/adms/licencetype/Attribution',
};
const CATALOG = { name: 'Catalogo dei dati aperti della Toscana', url: `${SITE}/` };

function record(overrides: Partial<DcatDatasetRecord> = {}): DcatDatasetRecord {
  return {
    id: 'a1', name: 'qualita-aria', uri: `${SITE}/dataset/a1`, landingPage: `${SITE}/dataset/qualita-aria`,
    identifier: 'c_d612:qualita-aria', alternateIdentifiers: [], title: "Qualità dell'aria", description: 'Misure giornaliere di PM10.',
    keywords: ['aria', 'pm10'], themes: [{ theme: 'ENVI', subthemes: [] }], frequency: 'DAILY',
    publisher: COMUNE, rightsHolder: COMUNE, creators: [{ name: 'ARPAT', identifier: 'arpat', uri: null }],
    issued: '2024-01-15', modified: '2024-06-30', languages: ['ITA', 'ENG'],
    temporal: { start: '2024-01-01', end: null }, spatial: { placeCode: 'ITA_FLR', geonamesUrl: null },
    conformsTo: [], isVersionOf: null, version: '', contact: null, homepageOfSource: null,
    distributions: [
      {
        id: 'r1', uri: `${SITE}/dataset/a1/resource/r1`, title: 'Misure 2024', description: '', format: 'CSV', mediaType: 'text/csv',
        licence: CC_BY, byteSize: 1234, checksumSha256: null, downloadUrl: `${SITE}/dataset/qualita-aria/resource/r1/download/aria.csv`,
        accessUrl: `${SITE}/dataset/qualita-aria/resource/r1`, languages: [], issued: '2024-01-15', modified: '2024-06-30',
      },
      {
        id: 'r2', uri: `${SITE}/dataset/a1/resource/r2`, title: 'Mappa delle stazioni', description: '', format: 'WMS_SRVC', mediaType: '',
        licence: CC_BY, byteSize: null, checksumSha256: null, downloadUrl: null,
        accessUrl: 'https://geo.example.it/wms', languages: [], issued: '2024-01-15', modified: '2024-06-30',
      },
    ],
    metadataCreated: '2024-01-15T10:00:00', metadataModified: '2024-06-30T08:00:00',
    ...overrides,
  };
}

describe('schemaOrgDataset', () => {
  it('describes a dataset as schema.org Dataset, field by field', () => {
    expect(schemaOrgDataset(record(), 'it', CATALOG)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      '@id': `${SITE}/dataset/a1`,
      name: "Qualità dell'aria",
      description: 'Misure giornaliere di PM10.',
      identifier: 'c_d612:qualita-aria',
      url: `${SITE}/dataset/qualita-aria`,
      keywords: ['aria', 'pm10'],
      license: 'https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40',
      publisher: { '@type': 'Organization', name: 'Comune di Firenze', identifier: 'c_d612', url: `${SITE}/organization/0f1e` },
      creator: [{ '@type': 'Organization', name: 'ARPAT', identifier: 'arpat' }],
      dateCreated: '2024-01-15',
      datePublished: '2024-01-15',
      dateModified: '2024-06-30',
      inLanguage: ['it', 'en'],
      isAccessibleForFree: true,
      spatialCoverage: { '@type': 'Place', name: 'Firenze', sameAs: 'http://publications.europa.eu/resource/authority/place/ITA_FLR' },
      temporalCoverage: '2024-01-01/..',
      distribution: [
        {
          '@type': 'DataDownload', name: 'Misure 2024', contentUrl: `${SITE}/dataset/qualita-aria/resource/r1/download/aria.csv`,
          encodingFormat: 'text/csv', contentSize: '1234 B',
        },
        // No download URL: the access URL; no media type: the EU format code.
        { '@type': 'DataDownload', name: 'Mappa delle stazioni', contentUrl: 'https://geo.example.it/wms', encodingFormat: 'WMS_SRVC' },
      ],
      includedInDataCatalog: { '@type': 'DataCatalog', name: 'Catalogo dei dati aperti della Toscana', url: `${SITE}/` },
    });
  });

  it('names the place in the page language and writes closed and open-start periods as ISO intervals', () => {
    const english = schemaOrgDataset(record({ temporal: { start: '2020-01-01', end: '2020-12-31' } }), 'en', CATALOG);
    expect(english.spatialCoverage).toEqual({ '@type': 'Place', name: 'Florence', sameAs: 'http://publications.europa.eu/resource/authority/place/ITA_FLR' });
    expect(english.temporalCoverage).toBe('2020-01-01/2020-12-31');
    expect(schemaOrgDataset(record({ temporal: { start: null, end: '2020-12-31' } }), 'it', CATALOG).temporalCoverage).toBe('../2020-12-31');
  });

  it('leaves out what a minimal record does not have', () => {
    const minimal = schemaOrgDataset(record({
      keywords: [], creators: [], languages: [], temporal: null, spatial: null, distributions: [],
    }), 'it');
    expect(Object.keys(minimal).sort()).toEqual([
      '@context', '@id', '@type', 'dateCreated', 'dateModified', 'datePublished', 'description', 'distribution', 'identifier',
      'includedInDataCatalog', 'isAccessibleForFree', 'name', 'publisher', 'url',
    ]);
    expect(minimal.distribution).toEqual([]);
    // Without a catalogue named, the site of the landing page.
    expect(minimal.includedInDataCatalog).toEqual({ '@type': 'DataCatalog', name: 'dati.example.it', url: `${SITE}/` });
  });
});

describe('jsonForScript', () => {
  it('writes < as \\u003c, so a title with </script> cannot end the script element, and parses back the same', () => {
    const data = schemaOrgDataset(record({ title: 'Dati </script><script>alert(1)</script> <!-- fine' }), 'it', CATALOG);
    const json = jsonForScript(data);
    expect(json).not.toContain('<');
    expect(json).toContain('Dati \\u003c/script>\\u003cscript>alert(1)\\u003c/script> \\u003c!-- fine');
    expect(JSON.parse(json)).toEqual(data);
  });
});
