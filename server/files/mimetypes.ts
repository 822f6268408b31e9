// File type from a name: the media type for downloads and the format label CKAN shows.
const byExtension: Record<string, { mimetype: string; format: string }> = {
  csv: { mimetype: 'text/csv', format: 'CSV' },
  tsv: { mimetype: 'text/tab-separated-values', format: 'TSV' },
  txt: { mimetype: 'text/plain', format: 'TXT' },
  json: { mimetype: 'application/json', format: 'JSON' },
  geojson: { mimetype: 'application/geo+json', format: 'GEOJSON' },
  xml: { mimetype: 'application/xml', format: 'XML' },
  rdf: { mimetype: 'application/rdf+xml', format: 'RDF' },
  ttl: { mimetype: 'text/turtle', format: 'TTL' },
  jsonld: { mimetype: 'application/ld+json', format: 'JSON-LD' },
  pdf: { mimetype: 'application/pdf', format: 'PDF' },
  html: { mimetype: 'text/html', format: 'HTML' },
  htm: { mimetype: 'text/html', format: 'HTML' },
  xls: { mimetype: 'application/vnd.ms-excel', format: 'XLS' },
  xlsx: { mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', format: 'XLSX' },
  ods: { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', format: 'ODS' },
  zip: { mimetype: 'application/zip', format: 'ZIP' },
  kml: { mimetype: 'application/vnd.google-earth.kml+xml', format: 'KML' },
  shp: { mimetype: 'application/octet-stream', format: 'SHP' },
  png: { mimetype: 'image/png', format: 'PNG' },
  jpg: { mimetype: 'image/jpeg', format: 'JPEG' },
  jpeg: { mimetype: 'image/jpeg', format: 'JPEG' },
};

function extensionOf(name: string): string {
  const clean = name.split(/[?#]/)[0];
  const match = /\.([a-z0-9]+)$/i.exec(clean);
  return match ? match[1].toLowerCase() : '';
}

export function guessType(name: string): { mimetype: string; format: string } | undefined {
  return byExtension[extensionOf(name)];
}
