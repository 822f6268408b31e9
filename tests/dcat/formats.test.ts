import { formatFromFile, mediaTypeOf, normalizeFormat } from '../../server/dcat/formats';
import { vocabulary } from '../../server/dcat/vocabularies';

describe('normalizeFormat', () => {
  it.each([
    ['csv', 'CSV'], ['CSV', 'CSV'], ['.csv', 'CSV'], ['xlsx', 'XLSX'], [' .XLS ', 'XLS'],
    ['text/csv', 'CSV'], ['text/csv; charset=utf-8', 'CSV'], ['application/vnd.ms-excel', 'XLS'],
    ['application/json', 'JSON'], ['application/geo+json', 'GEOJSON'], ['application/zip', 'ZIP'], ['application/pdf', 'PDF'],
    ['GeoJSON', 'GEOJSON'], ['Shapefile', 'SHP'], ['SHP', 'SHP'], ['Excel', 'XLS'], ['KML', 'KML'],
    ['RDF/XML', 'RDF_XML'], ['JSON-LD', 'JSON_LD'], ['TXT', 'TXT'], ['HTML', 'HTML'], ['htm', 'HTML'],
    ['jpg', 'JPEG'], ['ttl', 'RDF_TURTLE'], ['tar.gz', 'TAR_GZ'], ['WMS', 'WMS_SRVC'], ['ods', 'ODS'],
  ])('%s → %s', (input, code) => {
    expect(normalizeFormat(input)).toBe(code);
  });

  it.each(['API', 'api', '', '   ', 'application/octet-stream', 'application/x-unknown', 'yaml', 'foo bar'])('%j → null', (input) => {
    expect(normalizeFormat(input)).toBeNull();
  });
});

describe('formatFromFile', () => {
  it('reads the extension first', () => {
    expect(formatFromFile('dati.CSV', 'application/octet-stream')).toBe('CSV');
    expect(formatFromFile('dati.xlsx', 'application/zip')).toBe('XLSX');
    expect(formatFromFile('archivio.tar.gz', 'application/gzip')).toBe('TAR_GZ');
  });

  it('falls back to the media type', () => {
    expect(formatFromFile('dati', 'text/csv')).toBe('CSV');
    expect(formatFromFile('dati.unknownext', 'application/json')).toBe('JSON');
    expect(formatFromFile('dati', 'application/octet-stream')).toBeNull();
  });
});

describe('mediaTypeOf', () => {
  it('gives the IANA media type of common codes', () => {
    expect(mediaTypeOf('CSV')).toBe('text/csv');
    expect(mediaTypeOf('json')).toBe('application/json');
    expect(mediaTypeOf('GEOJSON')).toBe('application/geo+json');
    expect(mediaTypeOf('XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(mediaTypeOf('SHP')).toBe('');
    expect(mediaTypeOf('NOPE')).toBe('');
  });

  it('round-trips through normalizeFormat for every code it knows', () => {
    for (const t of vocabulary('file-type').terms) {
      const type = mediaTypeOf(t.code);
      if (type) expect(normalizeFormat(type)).toBe(t.code);
    }
  });
});
